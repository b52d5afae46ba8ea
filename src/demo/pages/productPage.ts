import { ATTR_EVENT, ATTR_PRODUCT } from '../../dom/attributes.js';
import type { ShopProduct } from '../shop/shopFeed.js';
import { productImage } from '../shop/productImage.js';
import { el, formatPrice } from '../shop/format.js';
import type { ShopContext } from './shopContext.js';
import { rankedShelf, recentlyViewedShelf } from './shelves.js';

/** Candidates for "Similar items": the same category first, then the rest of the department. */
function similarCandidates(products: ShopProduct[], product: ShopProduct): ShopProduct[] {
  const same = (p: ShopProduct, depth: number) => p.id !== product.id && product.category.slice(0, depth).every((c, i) => p.category[i] === c);
  const close = products.filter((p) => same(p, 2)).slice(0, 12);
  const wider = products.filter((p) => same(p, 1) && !close.includes(p)).slice(0, 24 - close.length);
  return [...close, ...wider];
}

function actionButton(label: string, done: string, event: string, onClick: () => void): HTMLButtonElement {
  const button = el('button', undefined, label);
  button.type = 'button';
  button.setAttribute(ATTR_EVENT, event);
  button.addEventListener('click', () => {
    onClick();
    button.textContent = done;
  });
  return button;
}

/** A product page: the product, "Similar items" (with the product as context), "Recently viewed". */
export function renderProduct(ctx: ShopContext, product: ShopProduct): HTMLElement[] {
  ctx.track({ type: 'view', itemId: product.id });
  const detail = el('article', 'product');
  detail.setAttribute(ATTR_PRODUCT, product.id);
  const text = el('div', 'product-text');
  const back = el('a', 'back', '← Back to the shop');
  back.href = '#/';
  const actions = el('div', 'product-actions');
  actions.append(
    actionButton('Add to cart', 'Added to cart', 'add_to_cart', () => ctx.track({ type: 'add_to_cart', itemId: product.id })),
    actionButton('Buy now', 'Bought (demo: nothing is charged)', 'purchase', () => ctx.track({ type: 'purchase', itemId: product.id })),
  );
  const note = el('p', 'product-note', ctx.reshelf() ? 'Opening this page, adding to cart and buying are recorded in this browser only.' : 'Personalisation is off: nothing on this page is recorded.');
  text.append(back, el('h1', undefined, product.title), el('p', 'product-meta', `${product.shop} · ${product.category.join(' › ')}`), el('p', 'product-price', formatPrice(product.price)), actions, note);
  const figure = el('div', 'product-figure');
  figure.append(productImage(product));
  detail.append(figure, text);
  const similar = rankedShelf(ctx, { kind: 'similar', title: 'Similar items', description: 'Related to this product, ordered for you.', context: [product.id] }, similarCandidates(ctx.feed.products, product));
  return [detail, similar.section, recentlyViewedShelf(ctx, product.id).section];
}
