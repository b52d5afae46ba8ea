import { writeBundleFiles } from '../../catalog/writeBundle.js';
import { generateShopCatalog, type DemoShop } from './generateShopCatalog.js';

/** How much one logged event says about interest; the shop's aggregate log is weighted the same way. */
const EVENT_WEIGHT = { view: 1, click: 2, add_to_cart: 4, purchase: 8 } as const;

/** The demo shop's catalog bundle, built from its generated products and aggregate log. */
export async function buildDemoBundle(shop: DemoShop = generateShopCatalog()): Promise<Map<string, Uint8Array>> {
  const index = new Map(shop.products.map((p, i) => [p.id, i]));
  const popularity = new Float32Array(shop.products.length);
  for (const e of shop.interactions) {
    const i = index.get(e.itemId);
    if (i !== undefined) popularity[i] = (popularity[i] as number) + EVENT_WEIGHT[e.event];
  }
  return writeBundleFiles({
    ids: shop.products.map((p) => p.id),
    attributes: shop.products.map((p) => ({
      title: p.title,
      brand: p.shop,
      category: [...p.category],
      price: p.price,
      extra: { colour: p.colour, listedAt: new Date(p.listedAt).toISOString() },
    })),
    popularity: { counts: popularity, decayed: popularity, firstSeen: new Float64Array(popularity.length).fill(Number.NaN), halfLifeDays: 0, decayedTo: null },
    build: { source: 'generated demo shop', products: shop.products.length, interactions: shop.interactions.length },
  });
}
