/**
 * Turns item sequences (dataset indices, chronological) into left-padded token batches. Batches group sequences of
 * similar length so that a batch is only as long as its longest member: on Beauty the mean training sequence is
 * ~7 items, and padding everything to 50 would waste ~85% of the compute.
 */
export interface TokenBatch {
  /** Row-major [rows, length] int32 tokens (item index + 1, 0 = padding), left-padded. */
  tokens: Int32Array;
  rows: number;
  length: number;
  /** Training only: next-item token at every position (0 = no target), same layout as tokens. */
  targets?: Int32Array;
  /** Which input sequence each row came from. */
  sources: Int32Array;
  /** Training only: index in its sequence of each input token (-1 = padding), same layout as tokens; with
   * `sources` it names the (user, position) of every cell, e.g. for the classical prior's row. */
  positions?: Int32Array;
}

/** Sort key with random tie-breaks, so same-length sequences meet different partners each epoch. */
function orderByLength(lengths: number[], random: () => number): number[] {
  const keys = lengths.map((length, i) => ({ i, length, tie: random() }));
  keys.sort((a, b) => a.length - b.length || a.tie - b.tie);
  return keys.map((k) => k.i);
}

function fill(rowsOf: number[], seqs: readonly Int32Array[], maxLen: number, withTargets: boolean): TokenBatch {
  // Input = items[0..n-2] (training) or the whole sequence (encoding), truncated to the last maxLen.
  const inputs = rowsOf.map((i) => {
    const seq = seqs[i]!;
    const end = withTargets ? seq.length - 1 : seq.length;
    return { i, start: Math.max(0, end - maxLen), end };
  });
  const length = Math.max(1, ...inputs.map((r) => r.end - r.start));
  const tokens = new Int32Array(inputs.length * length);
  const targets = withTargets ? new Int32Array(inputs.length * length) : undefined;
  const positions = withTargets ? new Int32Array(inputs.length * length).fill(-1) : undefined;
  inputs.forEach(({ i, start, end }, row) => {
    const seq = seqs[i]!;
    const offset = row * length + length - (end - start);
    for (let t = start; t < end; t++) {
      tokens[offset + t - start] = seq[t]! + 1;
      if (targets) targets[offset + t - start] = seq[t + 1]! + 1;
      if (positions) positions[offset + t - start] = t;
    }
  });
  const batch: TokenBatch = { tokens, rows: inputs.length, length, sources: Int32Array.from(rowsOf) };
  if (targets) batch.targets = targets;
  if (positions) batch.positions = positions;
  return batch;
}

/** Training batches: every sequence with at least 2 items predicts each of its items from the ones before. */
export function trainingBatches(seqs: readonly Int32Array[], batchSize: number, maxLen: number, random: () => number): TokenBatch[] {
  const usable = seqs.map((s, i) => ({ s, i })).filter(({ s }) => s.length >= 2);
  const order = orderByLength(usable.map(({ s }) => Math.min(s.length - 1, maxLen)), random).map((k) => usable[k]!.i);
  const batches: TokenBatch[] = [];
  for (let from = 0; from < order.length; from += batchSize) batches.push(fill(order.slice(from, from + batchSize), seqs, maxLen, true));
  // Shuffle batch order (Fisher-Yates) so an epoch does not run from the shortest to the longest sequences.
  for (let i = batches.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [batches[i], batches[j]] = [batches[j]!, batches[i]!];
  }
  return batches;
}

/** Encoding batches: each sequence as a whole (its last maxLen items); empty sequences get one padding token. */
export function encodingBatches(seqs: readonly Int32Array[], batchSize: number, maxLen: number): TokenBatch[] {
  const order = orderByLength(seqs.map((s) => Math.min(s.length, maxLen)), () => 0);
  const batches: TokenBatch[] = [];
  for (let from = 0; from < order.length; from += batchSize) batches.push(fill(order.slice(from, from + batchSize), seqs, maxLen, false));
  return batches;
}
