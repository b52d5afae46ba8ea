import { inverseRowNorms, queryNorms } from './rowNorms.js';
import { ScoringError } from './scoringError.js';
import { selectTopK } from './topK.js';
import type { ScoreRequest, ScoringBackend, TopKList, VectorTable } from './types.js';

const normCache = new WeakMap<VectorTable, Float32Array>();

/** Checks a request's shape; every backend relies on it. */
export function validateRequest(request: ScoreRequest): number {
  const { table, queries, k, exclude } = request;
  if (table.count < 0 || table.dim <= 0) throw new ScoringError('SCORING_BAD_REQUEST', `Table shape ${table.count}x${table.dim} is invalid: count must be >= 0 and dim > 0.`);
  const expected = table.count * table.dim;
  const stored = table.dtype === 'float32' ? table.values.length : table.codes.length;
  if (stored < expected || (table.dtype === 'int8' && table.scales.length < table.count)) {
    throw new ScoringError('SCORING_BAD_REQUEST', `Table data is shorter than its shape ${table.count}x${table.dim}; rebuild the bundle or fix count/dim.`);
  }
  if (queries.length === 0 || queries.length % table.dim !== 0) {
    throw new ScoringError('SCORING_BAD_REQUEST', `queries has ${queries.length} numbers, not a positive multiple of the table's dim ${table.dim}.`);
  }
  // A non-finite query would make every backend return non-finite scores, and each would be dropped in turn:
  // it is the caller's error, reported as such, and no backend pays for it.
  for (let j = 0; j < queries.length; j++) {
    if (queries[j]! - queries[j]! !== 0) throw new ScoringError('SCORING_BAD_REQUEST', `queries[${j}] is ${queries[j]}; every query value must be finite.`);
  }
  if (!Number.isInteger(k) || k < 0) throw new ScoringError('SCORING_BAD_REQUEST', `k must be a non-negative integer, got ${k}.`);
  if (exclude && exclude.length < table.count) {
    throw new ScoringError('SCORING_BAD_REQUEST', `exclude has ${exclude.length} entries; it needs one per table row (${table.count}).`);
  }
  return queries.length / table.dim;
}

/**
 * One ranking pass on one backend: raw scores from the backend, then the shared selection (exclusion, cosine,
 * bounded heap). Returns one top-k list per query. Throws whatever the backend throws, SCORING_NON_FINITE
 * for NaN/Infinity, and SCORING_CONTEXT_LOST when the backend lost its device during the pass.
 */
export async function rankWithBackend(backend: ScoringBackend, request: ScoreRequest, scratch?: { scores?: Float32Array }): Promise<TopKList[]> {
  const queryCount = validateRequest(request);
  const { table, queries, k, exclude, metric = 'dot' } = request;
  const needed = queryCount * table.count;
  let scores = scratch?.scores;
  if (!scores || scores.length < needed) {
    scores = new Float32Array(needed);
    if (scratch) scratch.scores = scores;
  }
  const scored = await backend.scoreAll(table, queries, queryCount, scores);
  if (backend.lost) throw new ScoringError('SCORING_CONTEXT_LOST', `The ${backend.name} backend lost its device during ranking.`);

  let rowWeights: Float32Array | undefined;
  let qNorms: Float64Array | undefined;
  if (metric === 'cosine') {
    rowWeights = normCache.get(table);
    if (!rowWeights) normCache.set(table, (rowWeights = inverseRowNorms(table)));
    qNorms = queryNorms(queries, queryCount, table.dim);
  }
  const lists: TopKList[] = [];
  for (let q = 0; q < queryCount; q++) {
    const blocks = scored.blockMax && scored.blockSize ? Math.ceil(table.count / scored.blockSize) : 0;
    const skip = blocks > 0 ? { max: scored.blockMax!.subarray(q * blocks, (q + 1) * blocks), size: scored.blockSize! } : undefined;
    const list = selectTopK(scored.scores, q * table.count, table.count, k, exclude, rowWeights, skip);
    const norm = qNorms?.[q];
    if (norm !== undefined && norm > 0) for (let r = 0; r < list.scores.length; r++) list.scores[r] = list.scores[r]! / norm;
    lists.push(list);
  }
  return lists;
}

/**
 * Every row's raw score for every query on one backend (no selection): `queryCount` blocks of `table.count`
 * scores, query-major, in a fresh array the caller owns. Throws like rankWithBackend: whatever the backend
 * throws, SCORING_CONTEXT_LOST when it lost its device during the pass, SCORING_NON_FINITE for NaN/Infinity.
 */
export async function scoreWithBackend(backend: ScoringBackend, table: VectorTable, queries: Float32Array, scratch?: { scores?: Float32Array }): Promise<Float32Array> {
  const queryCount = validateRequest({ table, queries, k: 0 });
  const needed = queryCount * table.count;
  let buffer = scratch?.scores;
  if (!buffer || buffer.length < needed) {
    buffer = new Float32Array(needed);
    if (scratch) scratch.scores = buffer;
  }
  const scored = await backend.scoreAll(table, queries, queryCount, buffer);
  if (backend.lost) throw new ScoringError('SCORING_CONTEXT_LOST', `The ${backend.name} backend lost its device during scoring.`);
  // The backend may have answered with a view of its own memory (valid until its next call) or the shared
  // scratch: copy out, and check every score while copying.
  const out = scored.scores.slice(0, needed);
  for (let i = 0; i < needed; i++) {
    if (out[i]! - out[i]! !== 0) throw new ScoringError('SCORING_NON_FINITE', `The ${backend.name} backend produced a non-finite score (row ${i % table.count}); it is dropped.`);
  }
  return out;
}
