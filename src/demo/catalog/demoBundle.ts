import { buildBundle, DEFAULT_BUNDLE_BUILD_OPTIONS } from '../../ingest/buildBundle.js';
import { DEFAULT_CLEANING_OPTIONS } from '../../ingest/cleanEvents.js';
import { eventsDatasetFromRecords } from '../../ingest/loadEventsDataset.js';
import type { InputRecord } from '../../ingest/readRecords.js';
import { DEMO_EPOCH, generateShopCatalog, type DemoShop } from './generateShopCatalog.js';

const DAY = 86_400_000;
const T = DEFAULT_BUNDLE_BUILD_OPTIONS.training;
/**
 * Smaller than `reshelf build`'s defaults because vite builds this bundle on every demo build: 32 CF factors,
 * 64 content dimensions and 8 ALS sweeps keep it to a few CPU seconds; 16 prototype clusters leave ~90 of the
 * 1,500 generated shoppers per cluster, so most clusters pass the 50-shopper k-anonymity threshold.
 */
const DEMO_TRAINING = {
  ...T,
  neighboursPerItem: 50,
  ease: { ...T.ease, k: 50 },
  als: { ...T.als, factors: 32, iterations: 8 },
  content: { ...T.content, dim: 64 },
  prototypes: { ...T.prototypes, clusters: 16 },
};

/**
 * The demo shop's catalog bundle, built by exactly what `reshelf build --format events` runs: its products
 * and aggregate log become items and events rows (the columns of a shop export), go through the same
 * parsing and cleaning, then the same section builders and writer. Deterministic: "now" is the demo's epoch.
 */
export async function buildDemoBundle(shop: DemoShop = generateShopCatalog()): Promise<Map<string, Uint8Array>> {
  const items: InputRecord[] = shop.products.map((p, i) => ({
    line: i + 2,
    fields: { item_id: p.id, title: p.title, brand: p.shop, category: [...p.category], price: p.price, colour: p.colour, listedAt: new Date(p.listedAt).toISOString() },
  }));
  const events: InputRecord[] = shop.interactions.map((e, i) => ({
    line: i + 2,
    fields: { user_id: e.userId, item_id: e.itemId, event: e.event, timestamp: e.timestamp },
  }));
  const { dataset, cleaning } = await eventsDatasetFromRecords(
    { items, itemsSource: 'demo products', events, eventsSource: 'demo interactions' },
    {
      timeUnit: 'ms',
      requireItemFields: ['title'],
      categorySeparator: '>',
      skipInvalid: false,
      cleaning: { ...DEFAULT_CLEANING_OPTIONS, maxTime: DEMO_EPOCH + DAY },
    },
  );
  const { files } = await buildBundle(dataset, {
    ...DEFAULT_BUNDLE_BUILD_OPTIONS,
    training: DEMO_TRAINING,
    coupons: shop.coupons,
    cleaning,
    describe: { source: 'generated demo shop (src/demo/catalog)', products: shop.products.length, interactions: shop.interactions.length },
  });
  return files;
}
