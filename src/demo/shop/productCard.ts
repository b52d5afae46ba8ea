import { ATTR_ITEM } from '../../dom/attributes.js';
import { productImage } from './productImage.js';
import { el, formatPrice } from './format.js';
import type { ShopProduct } from './shopFeed.js';

export interface CardOptions {
  /** Unique per widget, so the explanation's id is unique when a product is on several shelves. */
  widget: string;
  onOpen: (product: ShopProduct) => void;
  /** A small label on the picture, e.g. "New". */
  badge?: string;
  /** The explanation shown until reshelf gives one. */
  why: string;
}

/**
 * One product element, as a shop's server would render it, plus a "why is this here" note that shows on
 * hover and keyboard focus (and is the link's accessible description). Text only, never parsed as markup.
 */
export function productCard(product: ShopProduct, options: CardOptions): HTMLElement {
  const card = el('li', 'card');
  card.setAttribute(ATTR_ITEM, product.id);
  const whyId = `why-${options.widget}-${product.id}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const link = el('a');
  link.href = `#/p/${encodeURIComponent(product.id)}`;
  link.setAttribute('aria-describedby', whyId);
  link.addEventListener('click', () => options.onOpen(product));
  const figure = el('span', 'card-figure');
  figure.append(productImage(product));
  if (options.badge) figure.append(el('span', 'card-badge', options.badge));
  link.append(
    figure,
    el('span', 'card-title', product.title),
    el('span', 'card-meta', `${product.shop} · ${product.category[1] ?? product.category[0] ?? 'Uncategorised'}`),
    el('span', 'card-price', formatPrice(product.price)),
  );
  const why = el('span', 'why');
  why.id = whyId;
  why.setAttribute('role', 'tooltip');
  why.append(el('span', 'why-label', 'Why here: '), el('span', 'why-text', options.why));
  card.append(link, whyToggle(why), why);
  return card;
}

/**
 * A small "?" button for touch screens, where there is no hover: tapping it shows or hides the note. Keyboard
 * and screen-reader users get the note on focus and as the link's description, so it is not a tab stop.
 */
export function whyToggle(note: HTMLElement): HTMLButtonElement {
  const button = el('button', 'why-toggle', '?');
  button.type = 'button';
  button.tabIndex = -1;
  button.setAttribute('aria-hidden', 'true');
  button.title = 'Why is this here?';
  button.addEventListener('click', () => note.classList.toggle('why-shown'));
  return button;
}

/** Replaces a card's explanation text (cards are moved by reshelf, never re-rendered). */
export function setExplanation(card: Element, text: string): void {
  const target = card.querySelector('.why-text');
  if (target) target.textContent = text;
}
