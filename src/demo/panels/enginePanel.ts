import type { ReshelfHost } from '../state/reshelfHost.js';
import type { BackendName } from '../../scoring/types.js';
import { on, type RankRecord } from '../state/demoEvents.js';
import { el, formatBytes } from '../shop/format.js';
import type { ShopFeed } from '../shop/shopFeed.js';
import { dataTable, facts, row, section, switchControl } from './controls.js';
import { createFusionControls, signalLabel } from './fusionControls.js';
import { createScoringSection } from './scoringSection.js';
import { createLearningSection } from './learningSection.js';

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
  /** Restarts reshelf with a scoring backend forced (undefined: reshelf chooses). */
  forceBackend: (backend: BackendName | undefined) => void;
  /** Applies fusion overrides to every shelf (undefined: back to the bundle's shipped configuration). */
  setFusionConfig: (config: Record<string, unknown> | undefined) => void;
}

const STATE_LABELS: Record<RankRecord['state'], string> = { personalised: 'personalised', popular: 'by popularity', original: 'shop order kept', local: 'from local history' };

/**
 * The ranking controls, the scoring backend and how it was chosen, the last rankings' times, what reshelf
 * learned from this shopper's clicks, and the catalog bundle. What the running reshelf cannot report is
 * labelled so, not simulated.
 */
export function createEnginePanel(options: EnginePanelOptions): { panel: HTMLElement; refresh: () => void } {
  const panel = el('div');

  const controls = section('Try it');
  const newShopper = switchControl('new-shopper-switch', 'See it as a new shopper', (on) => options.setNewShopper(on));
  const fusion = createFusionControls(options.setFusionConfig);
  controls.append(newShopper.label, newShopper.note, fusion);

  const scoring = createScoringSection({ forced: () => options.host.forcedBackend, force: options.forceBackend, current: () => options.host.running?.status() });
  const learning = createLearningSection(signalLabel);

  const rankings = section('Last rankings');
  const rankTable = dataTable('rankings', 'How long each shelf took to rank', ['Shelf', 'Order', 'Worker', 'Round trip']);
  const rankNote = el('p', 'note');
  rankings.append(rankTable.root, rankNote);

  const bundleBox = section('Catalog bundle');
  const bundleFacts = el('div');
  bundleBox.append(bundleFacts, el('p', 'note', 'Every shopper downloads exactly these bytes, so the download says nothing about you.'));

  panel.append(controls, scoring.root, rankings, learning.root, bundleBox);

  const latest = new Map<string, RankRecord>();
  function renderRankings(): void {
    const rows = [...latest.values()].sort((a, b) => b.at - a.at);
    rankTable.body.replaceChildren(
      ...rows.map((r) =>
        row([r.widget, STATE_LABELS[r.state] + (r.reason ? ` (${r.reason})` : ''), [r.workerMs !== undefined ? `${r.workerMs.toFixed(2)} ms` : '–', 'num'], [`${r.ms.toFixed(0)} ms`, 'num']]),
      ),
    );
    rankTable.root.hidden = rows.length === 0;
    rankNote.textContent = rows.length
      ? 'Worker: time reshelf spent ranking in its worker, a background thread of this page. Round trip: what the page waited, including storing new events, messaging and moving the cards, while the page itself was busy rendering.'
      : 'Nothing ranked on this page yet (personalisation is off, or reshelf is starting).';
  }

  /** Status sections read `status()` afresh: the backend and the learned weights change as the shopper browses. */
  function renderStatus(): void {
    const status = options.host.running?.status();
    scoring.render(status);
    learning.render(status);
  }

  async function refresh(): Promise<void> {
    const running = options.host.running;
    newShopper.input.checked = options.asNewShopper();
    newShopper.input.disabled = !running;
    fusion.disabled = !running;
    newShopper.note.textContent = running ? 'Ranks every shelf as for a first visit: your history is ignored, not deleted.' : 'Turn personalisation on (Privacy tab) to compare.';
    renderRankings();
    renderStatus();
    const status = running ? await running.ready : undefined;
    renderStatus();
    const bundle = await options.bundle();
    const rows: [string, string][] = [];
    if (status?.state === 'ready') rows.push(['Version', status.catalog.version], ['Items', status.catalog.items.toLocaleString('en-GB')]);
    else if (status?.state === 'unavailable') rows.push(['State', `not loaded: ${status.reason.code}`]);
    if (bundle) rows.push(['Size', `${formatBytes(bundle.bytes)} in ${bundle.files.length} files`]);
    rows.push(['Source', options.feed.source.description]);
    bundleFacts.replaceChildren(facts(rows));
    if (bundle) {
      // The file list is long: folded, with one file a row (names carry a content hash, so they wrap badly inline).
      const files = el('details', 'bundle-files');
      const list = dataTable('files', 'The bundle\u2019s files and their sizes', ['File', 'Size']);
      list.body.replaceChildren(...bundle.files.map((f) => row([[f.name, 'file-name'], [formatBytes(f.bytes), 'num']])));
      files.append(el('summary', undefined, `The ${bundle.files.length} files`), list.root);
      bundleFacts.append(files);
    }
  }

  on('ranked', (record) => {
    latest.set(record.widget, record);
    renderRankings();
    renderStatus();
  });
  on('route', () => latest.clear());
  on('consent', () => void refresh());
  on('restart', () => void refresh());
  on('history', () => renderStatus());
  return { panel, refresh: () => void refresh() };
}
