import type { StoredEvent } from '../api/events.js';
import { indexById, type CatalogModel } from '../catalog/catalogModel.js';
import { attributeProfileScores, weightHistory } from './attributeSimilarity.js';

export interface RankInput {
  /** The item ids to order (a widget's items). Unknown ids keep their relative order at the end. */
  candidates: string[];
  /** Items the page is about (e.g. the product on a product page): they count as a strong, current interest. */
  context?: string[];
  /** Most recent history to consider. */
  historyLimit?: number;
}

export interface RankOutput {
  items: string[];
  scores: number[];
  /** True when the shopper's history (or the page context) shaped the order, false for a popularity-only order. */
  personalised: boolean;
}

/** A tiny popularity share so equal profile scores fall back to bestsellers rather than page order. */
const POPULARITY_TIE_BREAK = 1e-3;
const CONTEXT_WEIGHT = 10;

/** Orders a widget's candidates for this shopper. Deterministic: ties keep the page's original order. */
export function rankCandidates(model: CatalogModel, history: StoredEvent[], input: RankInput): RankOutput {
  const index = indexById(model);
  const known: number[] = [];
  const knownPositions: number[] = [];
  const unknown: string[] = [];
  input.candidates.forEach((id, position) => {
    const i = index.get(id);
    if (i === undefined) unknown.push(id);
    else {
      known.push(i);
      knownPositions.push(position);
    }
  });

  const weighted = weightHistory(history.slice(-(input.historyLimit ?? 200)), (id) => index.get(id));
  for (const id of input.context ?? []) {
    const i = index.get(id);
    if (i !== undefined) weighted.push({ index: i, weight: CONTEXT_WEIGHT });
  }
  const profile = attributeProfileScores(model.attributes, weighted, known);

  const counts = model.popularity?.counts;
  let maxLog = 0;
  if (counts) for (const i of known) maxLog = Math.max(maxLog, Math.log1p(counts[i] as number));
  const scores = known.map((i, c) => (profile[c] as number) + (counts && maxLog > 0 ? (POPULARITY_TIE_BREAK * Math.log1p(counts[i] as number)) / maxLog : 0));

  const order = known.map((_, c) => c).sort((a, b) => (scores[b] as number) - (scores[a] as number) || (knownPositions[a] as number) - (knownPositions[b] as number));
  return {
    items: [...order.map((c) => model.ids[known[c] as number] as string), ...unknown],
    scores: [...order.map((c) => scores[c] as number), ...unknown.map(() => Number.NEGATIVE_INFINITY)],
    personalised: weighted.length > 0,
  };
}
