import type { Coupon } from '../catalog/catalogModel.js';
import { ApplicationError } from './applicationError.js';
import { validateCoupons } from './validateCoupon.js';

/**
 * The bundle's coupon section: one UTF-8 JSON file `{ "coupons": Coupon[] }`, listed in the manifest like
 * every other file (size + SHA-256 checked before decoding). Plugging it into the bundle:
 * - writing (`writeBundleFiles`): `files.set(COUPON_SECTION_FILE, encodeCouponSection(input.coupons))` and
 *   `sections.coupons = { file: COUPON_SECTION_FILE }`;
 * - reading (`decodeSections`): `model.coupons = decodeCouponSection(bytes)` when `sections.coupons` exists.
 * Both directions validate, so a bundle can neither be written nor loaded with a malformed coupon.
 */
export const COUPON_SECTION_FILE = 'coupons.json';

/** The JSON document behind `sections.coupons`. */
export interface CouponSection {
  coupons: Coupon[];
}

export function encodeCouponSection(coupons: readonly Coupon[]): Uint8Array {
  const section: CouponSection = { coupons: validateCoupons(coupons) };
  return new TextEncoder().encode(JSON.stringify(section));
}

/** Throws COUPON_INVALID (with the coupon and field at fault) on anything but a valid section. */
export function decodeCouponSection(bytes: Uint8Array): Coupon[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new ApplicationError('COUPON_INVALID', `the coupon section is not valid UTF-8 JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || !('coupons' in parsed)) {
    throw new ApplicationError('COUPON_INVALID', 'the coupon section must be a JSON object { "coupons": [...] }');
  }
  return validateCoupons((parsed as { coupons: unknown }).coupons, 'coupons');
}
