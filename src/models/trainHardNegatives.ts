/**
 * Hard negatives for `reshelf train --hard-negatives <n>`: items the classical signals would put near the top
 * after the current item, drawn per position and added to the sampled-softmax candidates.
 *
 * Why: on Scientific the fusion already holds the classical signals (item transitions, co-occurrence / EASE,
 * content similarity), so what a sequence model can add is mostly the ability to tell apart the candidates those
 * signals all rank high. Random or popularity-drawn negatives rarely are such items; these are. Each item gets a
 * fixed pool of up to `poolSize` candidates built from TRAINING sequences only (the held-out targets are never
 * there): half from behaviour (items that follow it within a short window, the next item weighted most, plus the
 * ones that precede it at half weight), the rest from content (nearest items by cosine of the content vectors),
 * then behaviour again if content is missing. Every position draws `n` of its input item's pool uniformly.
 */
export interface HardNegativePools {
  /** Row-major [(itemCount + 1) x poolSize] tokens (item index + 1); 0 = empty slot (row 0 = padding). */
  tokens: Int32Array;
  poolSize: number;
  /** Filled slots per token. */
  filled: Int32Array;
}

/** Weights of the item 1, 2, 3 positions after the current one (window of the behaviour pool). */
const FOLLOW_WEIGHTS = [1, 0.5, 1 / 3];
/** Weight of a preceding item relative to a following one at the same distance. */
const PRECEDE_SHARE = 0.5;

function topKeys(scores: Map<number, number>, limit: number, skip: ReadonlySet<number>): number[] {
  // Ties by smaller token, so the pool is deterministic.
  return [...scores.entries()]
    .filter(([token]) => !skip.has(token))
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit)
    .map(([token]) => token);
}

/** For each item (token), the behaviour neighbours by windowed follow / precede counts in `sequences` (dataset indices). */
function behaviourScores(sequences: readonly Int32Array[], itemCount: number): Map<number, number>[] {
  const scores = Array.from({ length: itemCount + 1 }, () => new Map<number, number>());
  const add = (from: number, to: number, w: number) => {
    if (from === to) return;
    const row = scores[from]!;
    row.set(to, (row.get(to) ?? 0) + w);
  };
  for (const seq of sequences) {
    for (let t = 0; t < seq.length; t++) {
      for (let d = 1; d <= FOLLOW_WEIGHTS.length && t + d < seq.length; d++) {
        const w = FOLLOW_WEIGHTS[d - 1]!;
        add(seq[t]! + 1, seq[t + d]! + 1, w);
        add(seq[t + d]! + 1, seq[t]! + 1, w * PRECEDE_SHARE);
      }
    }
  }
  return scores;
}

/** Nearest `limit` tokens by cosine of `vectors` ([itemCount x dim], dataset order) for one token. */
function contentNeighbours(vectors: Float32Array, norms: Float32Array, dim: number, token: number, limit: number, skip: ReadonlySet<number>): number[] {
  const i = token - 1;
  if (norms[i]! === 0) return [];
  const best: { token: number; score: number }[] = [];
  for (let j = 0; j < norms.length; j++) {
    if (j === i || norms[j]! === 0 || skip.has(j + 1)) continue;
    let dot = 0;
    for (let k = 0; k < dim; k++) dot += vectors[i * dim + k]! * vectors[j * dim + k]!;
    const score = dot / (norms[i]! * norms[j]!);
    if (best.length < limit || score > best[best.length - 1]!.score) {
      best.push({ token: j + 1, score });
      best.sort((a, b) => b.score - a.score || a.token - b.token);
      if (best.length > limit) best.pop();
    }
  }
  return best.map((b) => b.token);
}

export function buildHardNegativePools(sequences: readonly Int32Array[], itemCount: number, poolSize: number, content?: { vectors: Float32Array; dim: number }): HardNegativePools {
  if (!(Number.isInteger(poolSize) && poolSize > 0)) throw new Error(`MODEL_BAD_OPTION: the hard-negative pool size must be a positive integer (got ${poolSize}).`);
  const behaviour = behaviourScores(sequences, itemCount);
  let norms: Float32Array | undefined;
  if (content) {
    if (content.vectors.length !== itemCount * content.dim) throw new Error(`MODEL_BAD_OPTION: content vectors have ${content.vectors.length} values, expected ${itemCount} x ${content.dim}.`);
    norms = new Float32Array(itemCount);
    for (let i = 0; i < itemCount; i++) {
      let s = 0;
      for (let k = 0; k < content.dim; k++) s += content.vectors[i * content.dim + k]! ** 2;
      norms[i] = Math.sqrt(s);
    }
  }
  const tokens = new Int32Array((itemCount + 1) * poolSize);
  const filled = new Int32Array(itemCount + 1);
  const behaviourShare = content ? Math.ceil(poolSize / 2) : poolSize;
  for (let token = 1; token <= itemCount; token++) {
    const own = new Set<number>([token]);
    const pool = topKeys(behaviour[token]!, behaviourShare, own);
    if (content && norms) pool.push(...contentNeighbours(content.vectors, norms, content.dim, token, poolSize - pool.length, new Set([...own, ...pool])));
    // Content missing for this item: fill the rest with further behaviour neighbours.
    if (pool.length < poolSize) pool.push(...topKeys(behaviour[token]!, poolSize, new Set([...own, ...pool])).slice(0, poolSize - pool.length));
    tokens.set(pool, token * poolSize);
    filled[token] = pool.length;
  }
  return { tokens, poolSize, filled };
}

/**
 * `perPosition` draws (with replacement) from the pool of each position's input token; 0 where the pool is empty
 * (the loss masks token 0 and a draw equal to the position's own target).
 */
export function drawHardNegatives(pools: HardNegativePools, inputTokens: Int32Array, perPosition: number, random: () => number): Int32Array {
  const out = new Int32Array(inputTokens.length * perPosition);
  for (let p = 0; p < inputTokens.length; p++) {
    const token = inputTokens[p]!;
    const n = pools.filled[token] ?? 0;
    if (n === 0) continue;
    for (let h = 0; h < perPosition; h++) out[p * perPosition + h] = pools.tokens[token * pools.poolSize + Math.floor(random() * n)]!;
  }
  return out;
}
