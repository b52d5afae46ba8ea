import type { Coupon } from '../catalog/catalogModel.js';
import { ApplicationError } from './applicationError.js';

const MAX_ID_LENGTH = 128;
const MAX_TITLE_LENGTH = 200;
const MAX_SCOPE_ENTRIES = 1000;

/**
 * Checks one coupon from untrusted JSON (a bundle section, or a page) and returns a clean copy holding only
 * the known fields. Throws COUPON_INVALID with the field at fault. Contract enforced here, so ranking code
 * never meets a half-formed coupon: a non-empty id, string scopes, finite non-negative `minSpend`, exactly
 * one of `percentOff` (0 < p <= 100) and `amountOff` (> 0), and `validFrom < validUntil` (finite ms).
 */
export function validateCoupon(raw: unknown, where = 'coupon'): Coupon {
  const fail = (message: string): never => {
    throw new ApplicationError('COUPON_INVALID', `${where}: ${message}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('must be an object like { "id": "c1", "shops": [], "categories": [], ... }');
  const c = raw as Record<string, unknown>;
  if (typeof c.id !== 'string' || c.id.length === 0 || c.id.length > MAX_ID_LENGTH) fail(`"id" must be a non-empty string of at most ${MAX_ID_LENGTH} characters`);
  const label = `${where} ${JSON.stringify(c.id)}`;
  const failAt = (message: string): never => {
    throw new ApplicationError('COUPON_INVALID', `${label}: ${message}`);
  };
  if (c.title !== undefined && (typeof c.title !== 'string' || c.title.length > MAX_TITLE_LENGTH)) failAt(`"title" must be a string of at most ${MAX_TITLE_LENGTH} characters`);
  const shops = c.shops ?? [];
  if (!Array.isArray(shops) || shops.length > MAX_SCOPE_ENTRIES || !shops.every((s) => typeof s === 'string' && s.length > 0)) failAt('"shops" must be an array of non-empty shop names ([] = every shop)');
  const categories = c.categories ?? [];
  if (
    !Array.isArray(categories) ||
    categories.length > MAX_SCOPE_ENTRIES ||
    !categories.every((path) => Array.isArray(path) && path.length > 0 && path.every((part) => typeof part === 'string' && part.length > 0))
  ) {
    failAt('"categories" must be an array of non-empty category paths, e.g. [["Home", "Kitchen"]] ([] = every category)');
  }
  const minSpend = c.minSpend ?? 0;
  if (typeof minSpend !== 'number' || !Number.isFinite(minSpend) || minSpend < 0) failAt('"minSpend" must be a finite number >= 0');
  const hasPercent = c.percentOff !== undefined;
  const hasAmount = c.amountOff !== undefined;
  if (hasPercent === hasAmount) failAt('set exactly one of "percentOff" and "amountOff"');
  if (hasPercent && (typeof c.percentOff !== 'number' || !(c.percentOff > 0 && c.percentOff <= 100))) failAt('"percentOff" must be a number with 0 < percentOff <= 100');
  if (hasAmount && (typeof c.amountOff !== 'number' || !Number.isFinite(c.amountOff) || !(c.amountOff > 0))) failAt('"amountOff" must be a finite number > 0');
  for (const field of ['validFrom', 'validUntil'] as const) {
    if (typeof c[field] !== 'number' || !Number.isFinite(c[field])) failAt(`"${field}" must be a time in ms since the epoch`);
  }
  if (!((c.validFrom as number) < (c.validUntil as number))) failAt('"validFrom" must be before "validUntil"');

  const coupon: Coupon = {
    id: c.id as string,
    shops: [...(shops as string[])],
    categories: (categories as string[][]).map((path) => [...path]),
    minSpend: minSpend as number,
    validFrom: c.validFrom as number,
    validUntil: c.validUntil as number,
  };
  if (typeof c.title === 'string') coupon.title = c.title;
  if (hasPercent) coupon.percentOff = c.percentOff as number;
  else coupon.amountOff = c.amountOff as number;
  return coupon;
}

/** Validates a whole coupon catalog: every coupon valid and every id unique (else COUPON_INVALID). */
export function validateCoupons(raw: unknown, where = 'coupons'): Coupon[] {
  if (!Array.isArray(raw)) throw new ApplicationError('COUPON_INVALID', `${where} must be an array of coupons`);
  const seen = new Set<string>();
  return raw.map((entry, i) => {
    const coupon = validateCoupon(entry, `${where}[${i}]`);
    if (seen.has(coupon.id)) throw new ApplicationError('COUPON_INVALID', `${where}[${i}]: coupon id ${JSON.stringify(coupon.id)} appears twice`);
    seen.add(coupon.id);
    return coupon;
  });
}
