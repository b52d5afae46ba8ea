import type { StoredEvent } from '../api/events.js';
import type { CatalogModel } from '../catalog/catalogModel.js';
import { indexById } from '../catalog/catalogModel.js';
import { rankCandidates } from '../ranking/rankCandidates.js';

/**
 * The shopper's scores for every catalog item, as the applications (shops, coupons) consume them.
 * Higher = more likely to be what this shopper wants next. Scale-free: applications only use the order.
 */
export interface ShopperItemScores {
  /** One score per catalog item (dense index). */
  scores: Float32Array;
  /** 1 for items the shopper already has in their history: applications leave them out, as the item ranking does. */
  exclude: Uint8Array;
  /** True when the shopper's history or the page context shaped the scores (false: popularity only). */
  personalised: boolean;
}

/**
 * THE one place where applications get item scores. Today it asks the walking-skeleton ranking
 * (src/ranking/rankCandidates) to order the whole catalog; when the fused ranking (src/fusion) lands,
 * this body is the only thing that changes.
 */
export function shopperItemScores(model: CatalogModel, history: readonly StoredEvent[], context?: string[]): ShopperItemScores {
  const ranked = rankCandidates(model, [...history], { candidates: model.ids, ...(context ? { context } : {}), historyLimit: history.length });
  const index = indexById(model);
  const scores = new Float32Array(model.ids.length);
  ranked.items.forEach((id, position) => {
    const i = index.get(id);
    if (i !== undefined) scores[i] = ranked.scores[position] as number;
  });
  return { scores, exclude: historyMask(model, history, index), personalised: ranked.personalised };
}

/** 1 for every catalog item that appears in the history. */
export function historyMask(model: Pick<CatalogModel, 'ids'>, history: readonly StoredEvent[], index = indexById(model)): Uint8Array {
  const mask = new Uint8Array(model.ids.length);
  for (const event of history) {
    const i = index.get(event.itemId);
    if (i !== undefined) mask[i] = 1;
  }
  return mask;
}
