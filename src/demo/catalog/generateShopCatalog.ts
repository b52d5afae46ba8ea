import { ADJECTIVES, COLOURS, DEPARTMENTS, MATERIALS, SHOPS } from './vocabulary.js';
import { pick, seededRandom } from './random.js';
import { generateCoupons, type DemoCoupon } from './generateCoupons.js';

/** One product of the generated demo shop, as the shop's own server would know it. */
export interface DemoProduct {
  id: string;
  title: string;
  shop: string;
  /** [department, category, product noun]. */
  category: [string, string, string];
  price: number;
  colour: string;
  /** When the product was listed (ms since epoch); recent ones are "new arrivals". */
  listedAt: number;
}

/** One interaction from the shop's aggregate log of many (synthetic) shoppers; input to `reshelf build`. */
export interface DemoInteraction {
  userId: string;
  itemId: string;
  event: 'view' | 'click' | 'add_to_cart' | 'purchase';
  timestamp: number;
}

export interface DemoShop {
  products: DemoProduct[];
  interactions: DemoInteraction[];
  /** The shop's coupons (some expired or not yet valid at DEMO_EPOCH, on purpose). */
  coupons: DemoCoupon[];
}

export interface DemoShopOptions {
  products?: number;
  shoppers?: number;
  seed?: number;
}

/** Fixed "now" of the generated world, so listings and logs never depend on the day the demo runs. */
export const DEMO_EPOCH = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;

/**
 * Generates the demo shop deterministically: same options, same bytes, on every machine.
 * Shoppers have a favourite department and shop, so the log carries real co-interaction structure
 * for collaborative filtering and popularity to learn from.
 */
export function generateShopCatalog(options: DemoShopOptions = {}): DemoShop {
  const productCount = options.products ?? 2400;
  const shopperCount = options.shoppers ?? 1500;
  const random = seededRandom(options.seed ?? 20261129);
  const departments = Object.keys(DEPARTMENTS);

  const products: DemoProduct[] = [];
  for (let i = 0; i < productCount; i++) {
    const department = departments[i % departments.length] as string;
    const categories = DEPARTMENTS[department] as Record<string, string[]>;
    const category = pick(random, Object.keys(categories));
    const noun = pick(random, categories[category] as string[]);
    const shops = SHOPS.filter((s) => s.departments.includes(department));
    const shop = pick(random, shops).name;
    const colour = pick(random, COLOURS);
    const title = `${pick(random, ADJECTIVES)} ${pick(random, MATERIALS)} ${noun}`;
    const price = Math.round((8 + random() ** 2 * 240) * 100) / 100;
    // About 5% of products were listed in the last two weeks: the new arrivals.
    const ageDays = random() < 0.05 ? random() * 14 : 14 + random() * 700;
    products.push({
      id: `p${String(i + 1).padStart(5, '0')}`,
      title,
      shop,
      category: [department, category, noun],
      price,
      colour,
      listedAt: Math.round(DEMO_EPOCH - ageDays * DAY),
    });
  }

  const byDepartment = new Map<string, DemoProduct[]>();
  for (const p of products) {
    const list = byDepartment.get(p.category[0]) ?? [];
    list.push(p);
    byDepartment.set(p.category[0], list);
  }

  const interactions: DemoInteraction[] = [];
  for (let u = 0; u < shopperCount; u++) {
    const userId = `u${u + 1}`;
    const favourite = pick(random, departments);
    const pool = byDepartment.get(favourite) as DemoProduct[];
    // A per-shopper focus category inside the favourite department sharpens item-item structure.
    const focus = pick(random, pool).category[1];
    const sessionLength = 3 + Math.floor(random() * 12);
    let time = DEMO_EPOCH - random() * 60 * DAY;
    for (let s = 0; s < sessionLength; s++) {
      const roll = random();
      const source = roll < 0.6 ? pool.filter((p) => p.category[1] === focus) : roll < 0.85 ? pool : products;
      // Skewed choice inside the source: lower indices are "bestsellers", which gives popularity a long tail.
      const product = source[Math.floor(random() ** 2.2 * source.length)] as DemoProduct;
      if (product.listedAt > time) continue;
      time += random() * 3_600_000;
      interactions.push({ userId, itemId: product.id, event: 'view', timestamp: Math.round(time) });
      const deeper = random();
      if (deeper < 0.35) interactions.push({ userId, itemId: product.id, event: 'click', timestamp: Math.round(time + 5_000) });
      if (deeper < 0.12) interactions.push({ userId, itemId: product.id, event: 'add_to_cart', timestamp: Math.round(time + 20_000) });
      if (deeper < 0.05) interactions.push({ userId, itemId: product.id, event: 'purchase', timestamp: Math.round(time + 60_000) });
    }
  }
  interactions.sort((a, b) => a.timestamp - b.timestamp);
  return { products, interactions, coupons: generateCoupons(products, DEMO_EPOCH) };
}
