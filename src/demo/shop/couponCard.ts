import type { DemoCoupon } from '../catalog/generateCoupons.js';
import { el, formatDaysFrom, formatPrice } from './format.js';
import { ATTR_COUPON } from './pendingAttributes.js';
import { whyToggle } from './productCard.js';

const whole = (text: string) => text.replace(/\.00$/, '');

function value(coupon: DemoCoupon): string {
  return coupon.percentOff !== undefined ? `${coupon.percentOff}%` : whole(formatPrice(coupon.amountOff ?? 0));
}

/** One coupon as the shop renders it; focusable so its "why here" note shows for keyboard users too. */
export function couponCard(coupon: DemoCoupon, today: number, why: string): HTMLElement {
  const card = el('li', 'coupon');
  card.setAttribute(ATTR_COUPON, coupon.id);
  const body = el('div', 'coupon-body');
  body.tabIndex = 0;
  const whyId = `why-coupon-${coupon.id}`;
  body.setAttribute('aria-describedby', whyId);
  const terms = [coupon.minSpend > 0 ? `min. spend ${whole(formatPrice(coupon.minSpend))}` : 'no minimum spend', `ends ${formatDaysFrom(coupon.validUntil, today)}`];
  body.append(el('span', 'coupon-value', value(coupon)), el('span', 'coupon-title', coupon.title), el('span', 'coupon-terms', terms.join(' · ')));
  const note = el('span', 'why');
  note.id = whyId;
  note.setAttribute('role', 'tooltip');
  note.append(el('span', 'why-label', 'Why here: '), el('span', 'why-text', why));
  card.append(body, whyToggle(note), note);
  return card;
}
