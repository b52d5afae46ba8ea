import type { ReshelfHost } from '../state/reshelfHost.js';
import { on, type RankRecord } from '../state/demoEvents.js';
import { el, formatBytes } from '../shop/format.js';
import type { ShopFeed } from '../shop/shopFeed.js';
import { DEFAULT_DIVERSITY, DEFAULT_FUSION_WEIGHTS } from '../../fusion/defaultConfig.js';

export interface BundleFacts {
  bytes: number;
  files: { name: string; bytes: number }[];
  build?: Record<string, unknown>;
}

export interface EnginePanelOptions {
  host: ReshelfHost;
  feed: ShopFeed;
  bundle: () => Promise<BundleFacts | undefined>;
  asNewShopper: () => boolean;
  setNewShopper: (on: boolean) => void;
  /** Applies fusion overrides to every shelf (undefined: back to the bundle's shipped configuration). */
  setFusionConfig: (config: Record<string, unknown> | undefined) => void;
}

function section(title: string): HTMLElement {
  const box = el('section', 'panel-section');
  box.append(el('h3', undefined, title));
  return box;
}

function facts(rows: [string, string][]): HTMLDListElement {
  const list = el('dl', 'facts');
  for (const [term, value] of rows) list.append(el('dt', undefined, term), el('dd', undefined, value));
  return list;
}

const STATE_LABELS: Record<RankRecord['state'], string> = { personalised: 'personalised', popular: 'by popularity', original: 'shop order kept', local: 'from local history' };
const SIGNALS = [
  ['content', 'Content similarity'],
  ['cf', 'Collaborative filtering'],
  ['knn', 'Items bought together'],
  ['ease', 'Learned item links (EASE)'],
  ['sequence', 'What comes next'],
  ['pop', 'Popularity'],
] as const;

/**
 * The catalog bundle, the scoring backend and how it was chosen, the last rankings' times, and the ranking
 * controls. What the running reshelf cannot report or change yet is labelled so, not simulated.
 */
export function createEnginePanel(options: EnginePanelOptions): { panel: HTMLElement; refresh: () => void } {
  const panel = el('div');

  const controls = section('Try it');
  const label = el('label', 'switch');
  const input = el('input');
  input.type = 'checkbox';
  input.setAttribute('role', 'switch');
  input.id = 'new-shopper-switch';
  label.append(input, el('span', 'switch-track'), el('span', 'switch-label', 'See it as a new shopper'));
  const newShopperNote = el('p', 'note', 'Ranks every shelf as for a first visit: your history is ignored, not deleted.');
  input.addEventListener('change', () => options.setNewShopper(input.checked));

  const fusion = el('fieldset', 'fusion');
  fusion.append(el('legend', undefined, 'Fusion of signals'));
  const methodLabel = el('label', 'field');
  const method = el('select');
  for (const [value, text] of [['weighted', 'Weighted average'], ['borda', 'Voting (Borda)'], ['rrf', 'Voting (reciprocal rank)'], ['stacked', 'Learned (stacked; the weights when the bundle ships no model)']]) {
    const option = el('option', undefined, text);
    option.value = value as string;
    method.append(option);
  }
  methodLabel.append(el('span', undefined, 'Method'), method);
  fusion.append(methodLabel);
  const weights = new Map<string, HTMLInputElement>();
  for (const [id, text] of SIGNALS) {
    const field = el('label', 'field');
    const range = el('input');
    range.type = 'range';
    range.min = '0';
    range.max = '2';
    range.step = '0.05';
    range.name = `weight-${id}`;
    range.value = String(DEFAULT_FUSION_WEIGHTS[id]);
    weights.set(id, range);
    field.append(el('span', undefined, text), range);
    fusion.append(field);
  }
  const diversityField = el('label', 'field');
  const diversity = el('input');
  diversity.type = 'range';
  diversity.min = '0';
  diversity.max = '1';
  diversity.step = '0.05';
  diversity.value = String(1 - DEFAULT_DIVERSITY.lambda);
  diversityField.append(el('span', undefined, 'Diversity'), diversity);
  const reset = el('button', 'secondary', 'Back to the shipped settings');
  reset.type = 'button';
  const fusionNote = el('p', 'note', 'Shipped settings: the bundle\'s configuration, or reshelf\'s defaults tuned offline by reshelf eval. Changes re-rank every shelf, on this device only.');
  fusion.append(diversityField, reset, fusionNote);
  // One override object for every shelf: method, weights and MMR diversity (lambda = 1 - diversity).
  const applyFusion = (): void => {
    options.setFusionConfig({
      method: method.value,
      weights: Object.fromEntries([...weights].map(([id, range]) => [id, Number(range.value)])),
      diversity: { lambda: 1 - Number(diversity.value), depth: DEFAULT_DIVERSITY.depth },
    });
  };
  fusion.addEventListener('change', applyFusion);
  reset.addEventListener('click', () => {
    method.value = 'weighted';
    for (const [id, range] of weights) range.value = String(DEFAULT_FUSION_WEIGHTS[id as keyof typeof DEFAULT_FUSION_WEIGHTS]);
    diversity.value = String(1 - DEFAULT_DIVERSITY.lambda);
    options.setFusionConfig(undefined);
  });
  controls.append(label, newShopperNote);
  const fusionBox = section('Ranking controls');
  fusionBox.append(fusion);

  const rankings = section('Last rankings');
  const rankTable = el('table', 'rankings');
  const rankBody = el('tbody');
  const head = el('thead');
  const headRow = el('tr');
  for (const h of ['Shelf', 'Order', 'Worker', 'Round trip']) {
    const th = el('th', undefined, h);
    th.scope = 'col';
    headRow.append(th);
  }
  head.append(headRow);
  rankTable.append(el('caption', 'visually-hidden', 'How long each shelf took to rank'), head, rankBody);
  const rankNote = el('p', 'note');
  rankings.append(rankTable, rankNote);

  const backend = section('Scoring backend');
  backend.append(
    el('p', 'unavailable', 'Not available yet: the worker does not score the catalog on WebGPU, WebGL, WASM or CPU yet, so there is no backend choice or measurement to show. It appears here once the scoring engine runs in the worker.'),
  );

  const bundleBox = section('Catalog bundle');
  const bundleFacts = el('div');
  bundleBox.append(bundleFacts, el('p', 'note', 'Every shopper downloads exactly these bytes, so the download says nothing about you.'));

  // The working controls first; what is still waiting on other parts of reshelf last.
  panel.append(controls, rankings, bundleBox, backend, fusionBox);

  const latest = new Map<string, RankRecord>();
  function renderRankings(): void {
    const rows = [...latest.values()].sort((a, b) => b.at - a.at);
    rankBody.replaceChildren(
      ...rows.map((r) => {
        const tr = el('tr');
        tr.append(
          el('td', undefined, r.widget),
          el('td', undefined, STATE_LABELS[r.state] + (r.reason ? ` (${r.reason})` : '')),
          el('td', 'num', r.workerMs !== undefined ? `${r.workerMs.toFixed(2)} ms` : '–'),
          el('td', 'num', `${r.ms.toFixed(0)} ms`),
        );
        return tr;
      }),
    );
    rankTable.hidden = rows.length === 0;
    rankNote.textContent = rows.length
      ? 'Worker: time spent ranking in the worker. Round trip: what the page waited, including storing new events, messaging and moving the cards, while the page itself was busy rendering.'
      : 'Nothing ranked on this page yet (personalisation is off, or reshelf is starting).';
  }

  async function refresh(): Promise<void> {
    input.checked = options.asNewShopper();
    input.disabled = !options.host.running;
    fusion.disabled = !options.host.running;
    newShopperNote.textContent = options.host.running ? 'Ranks every shelf as for a first visit: your history is ignored, not deleted.' : 'Turn personalisation on (Privacy tab) to compare.';
    renderRankings();
    const status = options.host.running ? await options.host.running.ready : undefined;
    const bundle = await options.bundle();
    const rows: [string, string][] = [];
    if (status?.state === 'ready') rows.push(['Version', status.catalog.version], ['Items', status.catalog.items.toLocaleString('en-GB')]);
    else if (status?.state === 'unavailable') rows.push(['State', `not loaded: ${status.reason.code}`]);
    if (bundle) rows.push(['Size', `${formatBytes(bundle.bytes)} in ${bundle.files.length} files`], ['Files', bundle.files.map((f) => `${f.name} (${formatBytes(f.bytes)})`).join(', ')]);
    rows.push(['Source', options.feed.source.description]);
    bundleFacts.replaceChildren(facts(rows));
  }

  on('ranked', (record) => {
    latest.set(record.widget, record);
    renderRankings();
  });
  on('route', () => latest.clear());
  on('consent', () => void refresh());
  return { panel, refresh: () => void refresh() };
}
