import type { ItemAttributes } from '../catalog/catalogModel.js';

/**
 * Product codes that identify the same product in another shop: the GTIN (EAN/UPC/ISBN family) and the SKU,
 * read from a bundle item's free-form attributes `extra.gtin` and `extra.sku` (`reshelf build` keeps extra
 * columns such as `gtin`, `ean`, `upc` and `sku` there).
 */
export interface ProductCodes {
  gtin?: string;
  sku?: string;
}

const GTIN_KEYS = ['gtin', 'ean', 'upc', 'gtin13', 'gtin12', 'gtin14', 'gtin8'];
const SKU_KEYS = ['sku', 'mpn'];

/**
 * A GTIN in its canonical 14-digit form, or undefined when it is not one: 8, 12, 13 or 14 digits (spaces and
 * dashes ignored) with a correct GS1 check digit, zero-padded on the left, so a UPC-12 and the EAN-13 of the
 * same product compare equal.
 */
export function normaliseGtin(raw: string): string | undefined {
  const digits = raw.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits) || ![8, 12, 13, 14].includes(digits.length)) return undefined;
  const padded = digits.padStart(14, '0');
  let sum = 0;
  // GS1: from the right, excluding the check digit, weights alternate 3, 1, 3, ...
  for (let i = 0; i < 13; i++) sum += Number(padded[i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10 === Number(padded[13]) ? padded : undefined;
}

export function productCodes(attributes: ItemAttributes): ProductCodes {
  const extra = attributes.extra ?? {};
  const codes: ProductCodes = {};
  for (const key of GTIN_KEYS) {
    const value = extra[key];
    const gtin = value === undefined ? undefined : normaliseGtin(value);
    if (gtin) {
      codes.gtin = gtin;
      break;
    }
  }
  for (const key of SKU_KEYS) {
    const value = extra[key]?.trim();
    if (value) {
      codes.sku = value;
      break;
    }
  }
  return codes;
}
