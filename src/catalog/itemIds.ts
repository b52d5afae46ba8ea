import { BundleError } from './bundleError.js';

/** Ids become Map keys and DOM attribute values; these would be dangerous as object keys anywhere downstream. */
export const HOSTILE_IDS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
export const MAX_ID_LENGTH = 256;

/** Why an item id may not be in a bundle, or null when it may. Shared by the builder and the browser. */
export function itemIdProblem(id: unknown): string | null {
  if (typeof id !== 'string') return 'is not a string';
  if (id.length === 0) return 'is empty';
  if (id.length > MAX_ID_LENGTH) return `is longer than ${MAX_ID_LENGTH} characters`;
  if (HOSTILE_IDS.has(id)) return 'is a reserved JavaScript property name';
  return null;
}

/** Throws BUNDLE_INVALID_ID / BUNDLE_DUPLICATE_ID for the first bad id. */
export function checkItemIds(ids: readonly unknown[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    const problem = itemIdProblem(id);
    if (problem) throw new BundleError('BUNDLE_INVALID_ID', `item id ${JSON.stringify(id)?.slice(0, 80)} ${problem}`);
    if (seen.has(id as string)) throw new BundleError('BUNDLE_DUPLICATE_ID', `item id ${JSON.stringify(id)} appears twice`);
    seen.add(id as string);
  }
}
