import type { ShopProduct } from '../shop/shopFeed.js';
import { el } from '../shop/format.js';
import type { ShopContext } from './shopContext.js';
import { couponsShelf, newArrivalsShelf, plainShelf, rankedShelf, recentlyViewedShelf, shopsShelf } from './shelves.js';

/** Departments (first level of the category path), in catalog order; at most `limit`. */
export function departmentsOf(products: ShopProduct[], limit = 8): string[] {
  return [...new Set(products.map((p) => p.category[0] ?? 'All products'))].slice(0, limit);
}

function inDepartment(products: ShopProduct[], department: string): ShopProduct[] {
  return products.filter((p) => (p.category[0] ?? 'All products') === department);
}

function intro(): HTMLElement {
  const box = el('section', 'intro');
  box.setAttribute('aria-label', 'About this demo');
  const title = el('h1', undefined, 'A shop that learns in your browser');
  const text = el('p');
  text.append(
    'Open a few products, then come back: shelves marked ',
    el('span', 'chip chip-personalised', 'Reordered for you'),
    ' change order, and only this browser knows why. Hover, focus or tap ? on a product to see why it is there. ',
    'The panel shows what is stored, every network request, and how ranking works.',
  );
  box.append(title, text);
  return box;
}

/** The home page: every widget reshelf can drive, then the shop's own shelves for comparison. */
export function renderHome(ctx: ShopContext): HTMLElement[] {
  const { products } = ctx.feed;
  const departments = departmentsOf(products);
  // The shop's server-rendered candidates: a fixed, varied selection per shelf. reshelf only reorders them.
  const forYou = departments.flatMap((d) => inDepartment(products, d).slice(0, 4));
  const trending = departments.flatMap((d) => inDepartment(products, d).slice(12, 16));
  const browse = departments.map((d) => plainShelf(ctx, `browse-${d.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, `Browse ${d}`, inDepartment(products, d).slice(4, 12)));
  return [
    intro(),
    rankedShelf(ctx, { kind: 'for-you', title: 'For you', description: 'Picked by the shop, ordered for you by reshelf.' }, forYou).section,
    recentlyViewedShelf(ctx).section,
    couponsShelf(ctx).section,
    newArrivalsShelf(ctx).section,
    shopsShelf(ctx).section,
    rankedShelf(ctx, { kind: 'trending', title: 'Trending', description: 'What all shoppers engage with most; the same for everyone.', sameForEveryone: true }, trending).section,
    ...browse.map((b) => b.section),
  ];
}
