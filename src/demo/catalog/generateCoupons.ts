import type { DemoProduct } from './generateShopCatalog.js';
import { pick, seededRandom } from './random.js';

/**
 * One coupon of the demo shop, in the shape a bundle's coupon section can carry as JSON (issue 12):
 * plain strings and numbers only, times in ms since epoch, scope by shop name and category-path prefix.
 */
export interface DemoCoupon {
  id: string;
  /** Short display text, e.g. "15% off Copperleaf". */
  title: string;
  /** Shops (sellers/brands) it applies to; empty means every shop. */
  shops: string[];
  /** Category-path prefixes it applies to (most general first); empty means every category. */
  categories: string[][];
  /** Minimum basket value in scope, in the shop's currency. */
  minSpend: number;
  /** Exactly one of `percentOff` (1..100) and `amountOff` (currency) is set. */
  percentOff?: number;
  amountOff?: number;
  /** Valid from `validFrom` (inclusive) to `validUntil` (exclusive), ms since epoch. */
  validFrom: number;
  validUntil: number;
}

const DAY = 86_400_000;

/** Whether a coupon is valid at `now` (ms): the demo never shows one that is not. */
export function couponIsValid(coupon: DemoCoupon, now: number): boolean {
  return coupon.validFrom <= now && now < coupon.validUntil;
}

/** Whether a product is in a coupon's scope (shop and category both match when both are restricted). */
export function couponAppliesTo(coupon: DemoCoupon, product: Pick<DemoProduct, 'shop' | 'category'>): boolean {
  const shopOk = coupon.shops.length === 0 || coupon.shops.includes(product.shop);
  const categoryOk = coupon.categories.length === 0 || coupon.categories.some((prefix) => prefix.every((part, i) => product.category[i] === part));
  return shopOk && categoryOk;
}

/**
 * Generates the demo shop's coupons deterministically around `now` (the generated world's date): shop-wide,
 * category and site-wide coupons, a few already expired and a few not yet started, so a ranking that must
 * never show invalid coupons has something to leave out.
 */
export function generateCoupons(products: DemoProduct[], now: number, seed = 7_2026): DemoCoupon[] {
  const random = seededRandom(seed);
  const shops = [...new Set(products.map((p) => p.shop))].sort();
  const categories = [...new Map(products.map((p) => [`${p.category[0]}>${p.category[1]}`, [p.category[0], p.category[1]]])).values()];
  const coupons: DemoCoupon[] = [];
  const count = 48;
  for (let i = 0; i < count; i++) {
    const kind = i % 4; // 0,1: one shop; 2: one category; 3: a shop within a category or site-wide
    const scopeShops: string[] = [];
    const scopeCategories: string[][] = [];
    if (kind <= 1) scopeShops.push(pick(random, shops));
    else if (kind === 2) scopeCategories.push(pick(random, categories) as string[]);
    else if (i % 8 === 3) {
      const shop = pick(random, shops);
      scopeShops.push(shop);
      const inShop = products.filter((p) => p.shop === shop);
      scopeCategories.push([pick(random, inShop).category[0]]);
    }
    const percent = random() < 0.6;
    const value = percent ? 5 + 5 * Math.floor(random() * 5) : 3 + 2 * Math.floor(random() * 10);
    const minSpend = percent ? 10 * Math.floor(random() * 8) : Math.max(20, value * 4 + 10 * Math.floor(random() * 5));
    // Roughly: 1 in 8 expired, 1 in 12 not started yet, the rest running for a few days to a few weeks more.
    const roll = random();
    const validFrom = roll < 0.12 ? now - (20 + random() * 40) * DAY : roll < 0.2 ? now + (2 + random() * 10) * DAY : now - random() * 20 * DAY;
    const validUntil = roll < 0.12 ? now - (1 + random() * 10) * DAY : Math.max(validFrom, now) + (3 + random() * 30) * DAY;
    const target = scopeShops[0] ?? scopeCategories[0]?.join(' › ') ?? 'everything';
    const where = scopeShops.length && scopeCategories.length ? `${scopeShops[0]} ${scopeCategories[0]?.[0]}` : target;
    coupons.push({
      id: `c${String(i + 1).padStart(3, '0')}`,
      title: `${percent ? `${value}%` : `€${value}`} off ${where}`,
      shops: scopeShops,
      categories: scopeCategories,
      minSpend,
      ...(percent ? { percentOff: value } : { amountOff: value }),
      validFrom: Math.round(validFrom),
      validUntil: Math.round(validUntil),
    });
  }
  return coupons;
}
