import type { CatalogModel, SequenceModelSection } from '../catalog/catalogModel.js';
import type { ShopperHistory } from '../signals/history.js';
import { scoreItemVectors } from '../signals/scoreItemVectors.js';

/**
 * The `model` signal (a trained sequence model) on the synchronous ranking path. Browser-safe, no tfjs here:
 * the encoder runs before ranking and leaves the user vector in `section.queries` under the key of the items
 * it read; this file only looks it up and scores it against the model's item table.
 *
 * Contract: the model reads exactly the items of the last `maxLen` events (oldest first; items it does not
 * know are skipped by the encoder), so those items are the key, and equal keys mean equal user vectors.
 */
export function sequenceQueryItems(history: Pick<ShopperHistory, 'events'>, maxLen: number): number[] {
  const events = history.events;
  const out: number[] = [];
  for (let i = Math.max(0, events.length - maxLen); i < events.length; i++) out.push(events[i]!.item);
  return out;
}

export function sequenceQueryKey(items: readonly number[]): string {
  return items.join(',');
}

/** The precomputed user vector for this history, if the encoder has run on it. */
export function lookupSequenceQuery(section: SequenceModelSection, history: Pick<ShopperHistory, 'events'>): Float32Array | undefined {
  if (history.events.length === 0) return undefined;
  return section.queries.get(sequenceQueryKey(sequenceQueryItems(history, section.maxLen)));
}

/**
 * out[i] = user vector . item i's row of the model's item table (section.scores `logits`, the default), or
 * exp(that - max) (`probabilities`): the model was trained as a softmax over items, so this is its next-item
 * probability up to a constant factor, which the fusion's normalisation (z-score, min-max) removes. Why offer it:
 * the classical signals are counts / similarities, i.e. on a linear scale, while logits are log-scale; with
 * probabilities a confident model stands out like a sparse signal and an unsure one stays flat.
 * Returns false (abstains) without a model, without history, or when no user vector was computed for this
 * history (the encoder failed or has not run).
 */
export function scoreSequenceModel(model: CatalogModel, history: ShopperHistory, out: Float32Array): boolean {
  const section = model.sequenceModel;
  if (!section) return false;
  const query = lookupSequenceQuery(section, history);
  if (!query) return false;
  scoreItemVectors(section.itemTable, query, out);
  if (section.scores === 'probabilities') logitsToProbabilities(out);
  return true;
}

/** In place: x[i] <- exp(x[i] - max x), in (0, 1] with the top item at 1. */
export function logitsToProbabilities(scores: Float32Array): void {
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) if (scores[i]! > max) max = scores[i]!;
  if (!Number.isFinite(max)) return;
  for (let i = 0; i < scores.length; i++) scores[i] = Math.exp(scores[i]! - max);
}
