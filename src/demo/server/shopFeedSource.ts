import type { BundleManifest, ItemsSection } from '../../catalog/bundleManifest.js';
import { DEMO_EPOCH, type DemoShop } from '../catalog/generateShopCatalog.js';
import type { ShopFeed, ShopProduct } from '../shop/shopFeed.js';

/** The feed of the generated demo shop: every product and coupon, as the shop's server knows them. */
export function feedFromGeneratedShop(shop: DemoShop): ShopFeed {
  return {
    source: { kind: 'generated', description: `generated demo shop: ${shop.products.length} products, ${shop.coupons.length} coupons` },
    today: DEMO_EPOCH,
    products: shop.products.map(({ id, title, shop: seller, category, price, colour, listedAt }) => ({ id, title, shop: seller, category: [...category], price, colour, listedAt })),
    coupons: shop.coupons,
  };
}

function listedAtOf(extra: Record<string, string> | undefined): number | undefined {
  const text = extra?.listedAt ?? extra?.firstSeen;
  const time = text === undefined ? Number.NaN : Date.parse(text);
  return Number.isFinite(time) ? time : undefined;
}

/**
 * The feed of a bundle built by `reshelf build`: products from its items section (a bundle from a dataset
 * without titles shows ids). Coupons come from the bundle once it carries them (issue 12); until then none.
 */
export function feedFromBundle(files: Map<string, Uint8Array>, directory: string): ShopFeed {
  const text = (name: string) => {
    const bytes = files.get(name);
    if (!bytes) throw new Error(`--bundle ${directory}: ${name} is missing`);
    return new TextDecoder().decode(bytes);
  };
  const manifest = JSON.parse(text('manifest.json')) as BundleManifest;
  const items = JSON.parse(text(manifest.sections.items.file)) as ItemsSection;
  const products: ShopProduct[] = items.ids.map((id, i) => {
    const a = items.attributes[i] ?? {};
    const listedAt = listedAtOf(a.extra);
    return {
      id,
      title: a.title?.trim() || `Item ${id}`,
      shop: a.brand?.trim() || 'Unknown shop',
      category: a.category ?? [],
      ...(a.price !== undefined && Number.isFinite(a.price) ? { price: a.price } : {}),
      ...(a.extra?.colour ? { colour: a.extra.colour } : {}),
      ...(listedAt !== undefined ? { listedAt } : {}),
    };
  });
  const latest = products.reduce((max, p) => Math.max(max, p.listedAt ?? Number.NEGATIVE_INFINITY), Number.NEGATIVE_INFINITY);
  return {
    source: { kind: 'bundle', description: `bundle from ${directory}: ${products.length} items` },
    today: Number.isFinite(latest) ? latest : DEMO_EPOCH,
    products,
    coupons: [],
  };
}
