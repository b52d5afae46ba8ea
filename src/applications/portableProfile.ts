import { EVENT_TYPES, isInterest, type EventType, type StoredEvent } from '../api/events.js';
import { indexById, type CatalogModel } from '../catalog/catalogModel.js';
import { ApplicationError } from './applicationError.js';
import { itemWeights } from './historyWeights.js';
import { productCodes } from './productCodes.js';
import { shopOf } from './shopIndex.js';

export const PORTABLE_PROFILE_FORMAT = 'reshelf-portable-profile';
export const PORTABLE_PROFILE_VERSION = 1;

/** One product the shopper engaged with, keyed so another shop can recognise it. */
export interface PortableItem {
  /** Canonical 14-digit GTIN, when the bundle has one: the key that works across shops. */
  gtin?: string;
  /** The product's SKU (or MPN), when the bundle has one. */
  sku?: string;
  /** The exporting shop's own item id: only matched when importing on the same origin (another device). */
  id: string;
  /** The strongest interaction (view < click < dwell < add_to_cart < purchase). */
  event: EventType;
  count: number;
  /** The latest interaction (ms since the epoch). */
  time: number;
}

/** A versioned profile the shopper carries to another shop or device as a file. Nothing else is in it. */
export interface PortableProfile {
  format: typeof PORTABLE_PROFILE_FORMAT;
  version: typeof PORTABLE_PROFILE_VERSION;
  exportedAt: string;
  /** Where it was exported (scheme://host:port), shown to the shopper before an import. */
  origin: string;
  items: PortableItem[];
  /** Content interests that survive a change of shop: brand names and category paths, weight 0..1 (max 1). */
  interests: { brands: { name: string; weight: number }[]; categories: { path: string[]; weight: number }[] };
}

export const PROFILE_LIMITS = { items: 500, interests: 20, text: 256 } as const;

/**
 * The shopper's portable profile: their most recent distinct items (with GTIN/SKU where the bundle has them)
 * and their brand and category interests, weighted by event type and recency. Pure: the caller decides when
 * (only on the shopper's request) and hands the result to the shopper, never to a server.
 */
export function exportPortableProfile(model: CatalogModel, history: readonly StoredEvent[], origin: string, now: number): PortableProfile {
  const index = indexById(model);
  const byId = new Map<string, PortableItem>();
  for (const event of history) {
    if (!isInterest(event)) continue; // a card the shop showed is not an item the shopper engaged with
    const i = index.get(event.itemId);
    const entry = byId.get(event.itemId);
    if (entry) {
      entry.count++;
      entry.time = Math.max(entry.time, event.time);
      if (EVENT_TYPES.indexOf(event.type) > EVENT_TYPES.indexOf(entry.event)) entry.event = event.type;
      continue;
    }
    const codes = i === undefined ? {} : productCodes(model.attributes[i]!);
    byId.set(event.itemId, { ...codes, id: event.itemId, event: event.type, count: 1, time: event.time });
  }
  const items = [...byId.values()].sort((a, b) => b.time - a.time).slice(0, PROFILE_LIMITS.items);

  const weights = itemWeights(history, (id) => index.get(id));
  const brands = new Map<string, number>();
  const categories = new Map<string, { path: string[]; weight: number }>();
  for (const [item, weight] of weights) {
    const attributes = model.attributes[item]!;
    const shop = shopOf(attributes);
    if (shop) brands.set(shop, (brands.get(shop) ?? 0) + weight);
    const path = attributes.category;
    if (path && path.length > 0) {
      const key = path.join('\u001f');
      const entry = categories.get(key) ?? { path: [...path], weight: 0 };
      entry.weight += weight;
      categories.set(key, entry);
    }
  }
  return {
    format: PORTABLE_PROFILE_FORMAT,
    version: PORTABLE_PROFILE_VERSION,
    exportedAt: new Date(now).toISOString(),
    origin,
    items,
    interests: {
      brands: topWeighted([...brands].map(([name, weight]) => ({ name, weight }))),
      categories: topWeighted([...categories.values()]),
    },
  };
}

/** The heaviest entries, weights scaled so the largest is 1, rounded (the file needs no more precision). */
function topWeighted<T extends { weight: number }>(entries: T[]): T[] {
  entries.sort((a, b) => b.weight - a.weight);
  const top = entries.slice(0, PROFILE_LIMITS.interests);
  const max = top[0]?.weight ?? 1;
  return top.map((e) => ({ ...e, weight: Math.round((e.weight / max) * 1000) / 1000 }));
}

/**
 * Validates a profile from a file the shopper chose (untrusted JSON). Throws PROFILE_INVALID (naming the
 * field) or PROFILE_UNSUPPORTED_VERSION; returns a clean copy holding only known fields.
 */
export function parsePortableProfile(raw: unknown): PortableProfile {
  const fail = (message: string): never => {
    throw new ApplicationError('PROFILE_INVALID', `${message}; expected a file exported by reshelf's exportProfile()`);
  };
  const parsed = typeof raw === 'string' ? parseJson(raw, fail) : raw;
  if (typeof parsed !== 'object' || parsed === null) return fail('the profile is not a JSON object');
  const p = parsed as Record<string, unknown>;
  if (p.format !== PORTABLE_PROFILE_FORMAT) fail(`"format" is ${JSON.stringify(p.format)}, not "${PORTABLE_PROFILE_FORMAT}"`);
  if (typeof p.version !== 'number' || !Number.isInteger(p.version) || p.version < 1) fail('"version" must be a positive integer');
  if ((p.version as number) > PORTABLE_PROFILE_VERSION) {
    throw new ApplicationError('PROFILE_UNSUPPORTED_VERSION', `the profile has version ${String(p.version)}; this reshelf reads up to ${PORTABLE_PROFILE_VERSION}: update reshelf on this site`);
  }
  const text = (value: unknown, field: string): string => (typeof value === 'string' && value.length > 0 && value.length <= PROFILE_LIMITS.text ? value : fail(`"${field}" must be a non-empty string of at most ${PROFILE_LIMITS.text} characters`));
  const list = (value: unknown, field: string, max: number): unknown[] => (Array.isArray(value) && value.length <= max ? value : fail(`"${field}" must be an array of at most ${max} entries`));
  const weight = (value: unknown, field: string): number => (typeof value === 'number' && value >= 0 && value <= 1 ? value : fail(`"${field}" must be a number in [0, 1]`));
  const interests = (typeof p.interests === 'object' && p.interests !== null ? p.interests : fail('"interests" is missing')) as Record<string, unknown>;
  return {
    format: PORTABLE_PROFILE_FORMAT,
    version: PORTABLE_PROFILE_VERSION,
    exportedAt: text(p.exportedAt, 'exportedAt'),
    origin: text(p.origin, 'origin'),
    items: list(p.items, 'items', PROFILE_LIMITS.items).map((value, n) => {
      const item = (typeof value === 'object' && value !== null ? value : fail(`items[${n}] is not an object`)) as Record<string, unknown>;
      if (!EVENT_TYPES.includes(item.event as EventType)) fail(`items[${n}].event must be one of ${EVENT_TYPES.join(', ')}`);
      if (typeof item.count !== 'number' || !Number.isInteger(item.count) || item.count < 1) fail(`items[${n}].count must be a positive integer`);
      if (typeof item.time !== 'number' || !Number.isFinite(item.time)) fail(`items[${n}].time must be ms since the epoch`);
      const out: PortableItem = { id: text(item.id, `items[${n}].id`), event: item.event as EventType, count: item.count as number, time: item.time as number };
      if (item.gtin !== undefined) out.gtin = text(item.gtin, `items[${n}].gtin`);
      if (item.sku !== undefined) out.sku = text(item.sku, `items[${n}].sku`);
      return out;
    }),
    interests: {
      brands: list(interests.brands, 'interests.brands', PROFILE_LIMITS.interests).map((value, n) => {
        const b = (value ?? {}) as Record<string, unknown>;
        return { name: text(b.name, `interests.brands[${n}].name`), weight: weight(b.weight, `interests.brands[${n}].weight`) };
      }),
      categories: list(interests.categories, 'interests.categories', PROFILE_LIMITS.interests).map((value, n) => {
        const c = (value ?? {}) as Record<string, unknown>;
        const path = list(c.path, `interests.categories[${n}].path`, 16).map((part, d) => text(part, `interests.categories[${n}].path[${d}]`));
        if (path.length === 0) fail(`interests.categories[${n}].path is empty`);
        return { path, weight: weight(c.weight, `interests.categories[${n}].weight`) };
      }),
    },
  };
}

function parseJson(text: string, fail: (message: string) => never): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    return fail(`the file is not JSON (${(error as Error).message})`);
  }
}
