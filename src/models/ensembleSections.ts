import type { SequenceModelSection } from '../catalog/catalogModel.js';
import { quantiseVectors } from '../catalog/quantiseVectors.js';
import { ModelError } from './modelSpec.js';

/**
 * Several trained sequence models as one `model` signal whose score is the SUM of their logits (logit
 * averaging up to a constant factor, which fusion's normalisation removes): the standard ensemble of
 * independently trained networks, which averages away part of each one's training noise.
 *
 * Why one section and not several signals: [u1, u2] . [v1, v2] = u1 . v1 + u2 . v2, so concatenating the members'
 * item rows and their user vectors gives a section the existing signal scores unchanged, with one fusion weight
 * (a weight per member would add search dimensions that the tuner's trials then spread over).
 * The concatenated rows are quantised again (one int8 scale per item over all members' components).
 *
 * Members must read the same history (same maxLen), so that one query key finds every member's user vector;
 * a key some member lacks is dropped (the signal then abstains for that history rather than score a part).
 */
export function ensembleSections(sections: readonly SequenceModelSection[]): SequenceModelSection {
  if (sections.length === 0) throw new ModelError('MODEL_BAD_ARTIFACT', 'An ensemble needs at least one model.');
  if (sections.length === 1) return sections[0]!;
  const first = sections[0]!;
  const count = first.itemTable.count;
  for (const s of sections) {
    if (s.maxLen !== first.maxLen || s.itemTable.count !== count) {
      throw new ModelError('MODEL_DATASET_MISMATCH', `Ensemble members must share the history length and the item table rows: ${first.kind} L=${first.maxLen} (${count} items) vs ${s.kind} L=${s.maxLen} (${s.itemTable.count} items).`);
    }
    if ((s.scores ?? 'logits') !== 'logits') throw new ModelError('MODEL_BAD_ARTIFACT', 'Ensembles sum logits; --model-scores probabilities applies to a single model only.');
  }
  const dim = sections.reduce((sum, s) => sum + s.itemTable.dim, 0);
  const values = new Float32Array(count * dim);
  for (let i = 0; i < count; i++) {
    let at = i * dim;
    for (const { itemTable: t } of sections) {
      const scale = t.scales[i]!;
      for (let d = 0; d < t.dim; d++) values[at + d] = t.codes[i * t.dim + d]! * scale;
      at += t.dim;
    }
  }
  const queries = new Map<string, Float32Array>();
  for (const [key] of first.queries) {
    const parts = sections.map((s) => s.queries.get(key));
    if (parts.some((p) => p === undefined)) continue;
    queries.set(key, ensembleQuery(parts as Float32Array[]));
  }
  const kinds = [...new Set(sections.map((s) => s.kind))];
  return { kind: kinds.join('+'), maxLen: first.maxLen, itemTable: quantiseVectors({ dtype: 'float32', count, dim, values }), queries };
}

/**
 * An ensemble's user vector: the members' vectors concatenated in member order, the layout the concatenated item
 * table expects. One function for eval (above) and the worker (workerModelSignal.ts), so the two cannot drift.
 */
export function ensembleQuery(parts: readonly Float32Array[]): Float32Array {
  if (parts.length === 1) return parts[0]!;
  const query = new Float32Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    query.set(part, at);
    at += part.length;
  }
  return query;
}
