import type { NetworkRecord } from '../../index.js';
import type { ReshelfHost } from '../state/reshelfHost.js';
import { on } from '../state/demoEvents.js';
import { el, formatBytes } from '../shop/format.js';
import { dataTable } from './controls.js';

export interface NetworkPanelOptions {
  host: ReshelfHost;
  /** Files the catalog bundle's manifest lists (plus manifest.json): the only bundle files reshelf may fetch. */
  bundleFiles: () => Promise<Set<string>>;
  bundlePath: string;
  feedPath: string;
}

interface Row {
  url: string;
  by: 'page' | 'reshelf worker';
  bytes: number;
}

interface Verdict {
  ok: boolean;
  what: string;
  why: string;
}

/** Classifies one request: is it a static file that is the same for every shopper, on this page's origin? */
function judge(row: Row, bundleFiles: Set<string>, options: NetworkPanelOptions): Verdict {
  const url = new URL(row.url, location.href);
  if (url.protocol === 'data:' || url.protocol === 'blob:') return { ok: true, what: 'In-browser data', why: 'never leaves the browser' };
  if (url.origin !== location.origin) return { ok: false, what: 'Another site', why: `goes to ${url.origin}` };
  if (url.search) return { ok: false, what: 'Request with a query', why: 'a query string could carry data' };
  const path = url.pathname;
  const base = new URL('.', location.href).pathname;
  const local = path.startsWith(base) ? path.slice(base.length) : path;
  if (local === '' || local === 'index.html') return { ok: true, what: 'The page', why: 'same for everyone' };
  if (local.startsWith(`${options.bundlePath}/`)) {
    const name = local.slice(options.bundlePath.length + 1);
    return bundleFiles.has(name)
      ? { ok: true, what: 'Catalog bundle', why: 'same bytes for every shopper, fingerprint (SHA-256) checked' }
      : { ok: false, what: 'Unlisted bundle file', why: 'not in the bundle manifest' };
  }
  if (local === `${options.feedPath}/feed.json`) return { ok: true, what: 'Shop product feed', why: 'same for everyone' };
  if (/^assets\/worker[^/]*\.js$/.test(local)) return { ok: true, what: 'reshelf worker code', why: 'static file' };
  if (/^assets\/[^/]+\.(js|css|wasm)$/.test(local)) return { ok: true, what: local.endsWith('.css') ? 'Page style' : row.by === 'reshelf worker' ? 'reshelf worker code' : 'Page code', why: 'static file' };
  return { ok: false, what: 'Unexpected file', why: 'not one of the demo\u2019s static files' };
}

function pageRows(): Row[] {
  const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')] as PerformanceResourceTiming[];
  return entries.map((e) => ({ url: e.name, by: 'page', bytes: e.encodedBodySize || e.transferSize }));
}

function workerRows(records: NetworkRecord[]): Row[] {
  return records.map((r) => ({ url: r.url, by: 'reshelf worker', bytes: r.encodedBodySize || r.transferSize }));
}

/**
 * Every request the page and reshelf's worker made, from the browser's resource timing, each checked: same
 * origin, no query string, one of the demo's static files. A failed check is shown in red, not hidden.
 */
export function createNetworkPanel(options: NetworkPanelOptions): { panel: HTMLElement; refresh: () => void } {
  const panel = el('div');
  const verdict = el('div', 'verdict');
  verdict.setAttribute('role', 'status');
  const { root: scroller, body } = dataTable('requests', 'Every request made by this page and by reshelf\u2019s worker', ['File', 'From', 'Size', 'Shopper data']);
  const caveat = el(
    'p',
    'note',
    'Listed from the browser\u2019s own record of what it downloaded (resource timing), which shows addresses and sizes but not methods, headers or bodies. The project\u2019s end-to-end tests check those at the browser level and fail on any request with a query, a body or a cookie.',
  );
  panel.append(verdict, scroller, caveat);

  let workerRecords: NetworkRecord[] = [];
  async function refresh(): Promise<void> {
    const running = options.host.running;
    if (running) workerRecords = await running.requests();
    const files = await options.bundleFiles();
    const rows = [...pageRows(), ...workerRows(workerRecords)];
    const judged = rows.map((row) => ({ row, verdict: judge(row, files, options) }));
    const bad = judged.filter((j) => !j.verdict.ok);
    verdict.className = bad.length ? 'verdict verdict-bad' : 'verdict verdict-good';
    verdict.replaceChildren(
      el('strong', undefined, bad.length ? `${bad.length} request${bad.length === 1 ? '' : 's'} need a look` : 'No request carried shopper data'),
      el(
        'span',
        undefined,
        bad.length
          ? ' Each is marked below.'
          : ` ${rows.length} requests, all to this site, all static files without a query string that every visitor gets alike.`,
      ),
    );
    body.replaceChildren(
      ...judged.map(({ row, verdict: v }) => {
        const tr = el('tr', v.ok ? undefined : 'request-bad');
        const url = new URL(row.url, location.href);
        const file = el('td', 'request-file');
        file.append(el('span', 'request-what', v.what), el('code', undefined, url.protocol.startsWith('http') ? url.pathname : `${url.protocol}…`), el('span', 'request-why', v.why));
        const data = el('td', v.ok ? 'request-ok' : undefined, v.ok ? 'None' : 'Check');
        tr.append(file, el('td', undefined, row.by === 'page' ? 'page' : 'worker'), el('td', 'num', row.bytes ? formatBytes(row.bytes) : 'cached'), data);
        return tr;
      }),
    );
  }

  if (typeof PerformanceObserver !== 'undefined') new PerformanceObserver(() => void refresh()).observe({ type: 'resource', buffered: false });
  on('ranked', () => void refresh());
  return { panel, refresh: () => void refresh() };
}
