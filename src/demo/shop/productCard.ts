import type { DemoProduct } from '../catalog/generateShopCatalog.js';
import { ATTR_ITEM } from '../../dom/attributes.js';
import { productImage } from './productImage.js';

const price = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' });

export function formatPrice(value: number): string {
  return price.format(value);
}

/**
 * One product element, as a shop's server would render it. Text goes in through textContent only:
 * product data is never parsed as markup.
 */
export function productCard(product: DemoProduct, onOpen: (product: DemoProduct) => void): HTMLElement {
  const card = document.createElement('li');
  card.className = 'card';
  card.setAttribute(ATTR_ITEM, product.id);
  const link = document.createElement('a');
  link.href = `#/p/${encodeURIComponent(product.id)}`;
  link.addEventListener('click', () => onOpen(product));
  const title = document.createElement('span');
  title.className = 'card-title';
  title.textContent = product.title;
  const meta = document.createElement('span');
  meta.className = 'card-meta';
  meta.textContent = `${product.shop} · ${product.category[1]}`;
  const cost = document.createElement('span');
  cost.className = 'card-price';
  cost.textContent = formatPrice(product.price);
  link.append(productImage(product), title, meta, cost);
  card.append(link);
  return card;
}
