import type { TrackEvent } from '../index.js';
import { readConsent, saveConsent, type ConsentState } from './state/consent.js';
import { ReshelfHost } from './state/reshelfHost.js';
import { emit } from './state/demoEvents.js';
import type { ShopFeed } from './shop/shopFeed.js';
import type { ShopContext } from './pages/shopContext.js';
import { renderHome } from './pages/homePage.js';
import { renderProduct } from './pages/productPage.js';
import { createInspector } from './panels/inspector.js';
import { createPrivacyPanel } from './panels/privacyPanel.js';
import { createNetworkPanel } from './panels/networkPanel.js';
import { createEnginePanel, type BundleFacts } from './panels/enginePanel.js';

const BUNDLE_PATH = 'demo-catalog';
const FEED_PATH = 'demo-shop';

// The shop's own product feed: what its server would render, the same for every visitor.
const feedResponse = await fetch(new URL(`${FEED_PATH}/feed.json`, document.baseURI), { credentials: 'omit' });
const feed = (await feedResponse.json()) as ShopFeed;
const byId = new Map(feed.products.map((p) => [p.id, p]));

const catalogUrl = new URL(`${BUNDLE_PATH}/manifest.json`, document.baseURI);
const host = new ReshelfHost(catalogUrl);
let consent: ConsentState = readConsent();
let newShopper = false;
let fusionConfig: Record<string, unknown> | undefined;
if (consent.granted) host.start();
// For the e2e tests and the curious: the running instance (undefined while personalisation is off).
(window as unknown as { reshelfDemo: unknown }).reshelfDemo = {
  get reshelf() {
    return host.running;
  },
};

let bundleFacts: Promise<BundleFacts | undefined> | undefined;
/** The bundle's manifest (a public file like any other) says how big the bundle is. */
function bundle(): Promise<BundleFacts | undefined> {
  bundleFacts ??= fetch(catalogUrl, { credentials: 'omit' })
    .then((r) => r.json() as Promise<{ files: { name: string; bytes: number }[]; build?: Record<string, unknown> }>)
    .then((m) => ({ files: m.files, bytes: m.files.reduce((sum, f) => sum + f.bytes, 0), ...(m.build ? { build: m.build } : {}) }))
    .catch(() => undefined);
  return bundleFacts;
}

const ctx: ShopContext = {
  feed,
  byId,
  reshelf: () => host.running,
  asNewShopper: () => newShopper,
  fusionConfig: () => fusionConfig,
  track(event: TrackEvent) {
    const reshelf = host.running;
    if (!reshelf) return;
    reshelf.track(event);
    queueMicrotask(() => emit('history'));
  },
  async recentItems(limit) {
    const reshelf = host.running;
    if (!reshelf) return [];
    const { events } = await reshelf.exportData();
    const seen = new Map<string, number>();
    for (let i = events.length - 1; i >= 0 && seen.size < limit; i--) {
      const e = events[i];
      if (e && !seen.has(e.itemId)) seen.set(e.itemId, e.time);
    }
    return [...seen].map(([id, time]) => ({ id, time }));
  },
};

const app = document.getElementById('app') as HTMLElement;
const status = document.getElementById('reshelf-status') as HTMLElement;

function showStatus(): void {
  const reshelf = host.running;
  if (!reshelf) {
    status.textContent = 'Personalisation off';
    status.dataset.state = 'off';
    return;
  }
  status.textContent = 'reshelf: starting…';
  status.dataset.state = 'starting';
  void reshelf.ready.then((s) => {
    if (host.running !== reshelf) return;
    status.dataset.state = s.state;
    status.textContent =
      s.state === 'ready'
        ? `reshelf ready · history ${s.storage === 'indexeddb' ? 'on this device' : 'in memory only'}`
        : `reshelf off: ${s.state === 'unavailable' ? s.reason.code : s.state} (shop order kept)`;
  });
}

let dwell: { id: string; since: number } | undefined;
function route(): void {
  // Time spent on the product page being left is one more signal (seconds), recorded like any other event.
  if (dwell) {
    const seconds = (performance.now() - dwell.since) / 1000;
    if (seconds >= 3) ctx.track({ type: 'dwell', itemId: dwell.id, value: Math.round(seconds) });
    dwell = undefined;
  }
  const match = /^#\/p\/(.+)$/.exec(location.hash);
  const product = match ? byId.get(decodeURIComponent(match[1] as string)) : undefined;
  emit('route');
  app.replaceChildren(...(product ? renderProduct(ctx, product) : renderHome(ctx)));
  if (product) {
    dwell = { id: product.id, since: performance.now() };
    window.scrollTo(0, 0);
    const heading = app.querySelector('h1');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus({ preventScroll: true });
  }
}

const privacy = createPrivacyPanel({
  host,
  byId,
  consent: () => consent,
  setConsent(granted) {
    consent = saveConsent(granted);
    if (granted) host.start();
    else host.stop();
    showStatus();
    route();
    emit('consent');
  },
  afterForget: route,
});
const network = createNetworkPanel({
  host,
  bundlePath: BUNDLE_PATH,
  feedPath: FEED_PATH,
  bundleFiles: async () => new Set(['manifest.json', ...((await bundle())?.files.map((f) => f.name) ?? [])]),
});
const engine = createEnginePanel({
  host,
  feed,
  bundle,
  asNewShopper: () => newShopper,
  setNewShopper(on) {
    newShopper = on;
    route();
  },
  setFusionConfig(config) {
    fusionConfig = config;
    route();
  },
  forceBackend(backend) {
    host.forceBackend(backend);
    showStatus();
    route();
    emit('restart');
  },
});
const inspector = createInspector([
  { id: 'privacy', label: 'Privacy', panel: privacy.panel, onShow: privacy.refresh },
  { id: 'network', label: 'Network', panel: network.panel, onShow: network.refresh },
  { id: 'engine', label: 'Engine', panel: engine.panel, onShow: engine.refresh },
]);
(document.getElementById('inspector-toggle-slot') as HTMLElement).replaceWith(inspector.toggle);
(document.getElementById('inspector-slot') as HTMLElement).replaceWith(inspector.root);

// Only "#/..." hashes are routes; others (the skip link's "#app") are in-page anchors and must not re-render.
window.addEventListener('hashchange', () => {
  if (location.hash === '' || location.hash.startsWith('#/')) route();
});
showStatus();
route();
privacy.refresh();
