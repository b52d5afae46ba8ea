import { el } from './format.js';
import { ATTR_SHOP } from './pendingAttributes.js';
import { whyToggle } from './productCard.js';

export interface ShopSummary {
  name: string;
  departments: string[];
  products: number;
}

function hue(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) % 360;
  return h;
}

/** One shop (seller/brand) tile: a generated monogram, what it sells, and a "why here" note. */
export function shopCard(shop: ShopSummary, why: string): HTMLElement {
  const card = el('li', 'shop');
  card.setAttribute(ATTR_SHOP, shop.name);
  const body = el('div', 'shop-body');
  body.tabIndex = 0;
  const whyId = `why-shop-${shop.name}`.replace(/[^A-Za-z0-9_-]/g, '_');
  body.setAttribute('aria-describedby', whyId);
  const monogram = el('span', 'shop-monogram', shop.name.replace(/[^A-Za-z ]/g, '').split(' ').filter(Boolean).slice(0, 2).map((w) => w[0]).join(''));
  monogram.setAttribute('aria-hidden', 'true');
  monogram.style.setProperty('--shop-hue', String(hue(shop.name)));
  body.append(monogram, el('span', 'shop-name', shop.name), el('span', 'shop-meta', `${shop.departments.join(', ')} · ${shop.products} products`));
  const note = el('span', 'why');
  note.id = whyId;
  note.setAttribute('role', 'tooltip');
  note.append(el('span', 'why-label', 'Why here: '), el('span', 'why-text', why));
  card.append(body, whyToggle(note), note);
  return card;
}
