import { topKIndices } from '../fusion/topK.js';

/**
 * The classical prior of residual training (`reshelf train --prior-config`, classicalPrior.ts) in a compact
 * layout: one row per scored history, holding its `top` best items with their fused scores, and one `floor`
 * per row that every other item gets (the row's `top`-th score). A dense table would be positions x items
 * floats (~34k x 4,385 on Scientific, 600 MB); the top of a fused ranking is what moves the loss, the tail is
 * flat under the softmax anyway.
 */
export interface PriorTable {
  /** Slots per row: the requested top m, or the item count if smaller. */
  top: number;
  itemCount: number;
  /** [rows * top] item indices (dataset order), best first; -1 = unused slot (a row without history). */
  items: Int32Array;
  /** [rows * top] fused scores, parallel to `items`. */
  scores: Float32Array;
  /** [rows] value of every item outside the row's top (0 for a row without history). */
  floor: Float32Array;
}

export function createPriorTable(rows: number, top: number, itemCount: number): PriorTable {
  const slots = Math.min(top, itemCount);
  return { top: slots, itemCount, items: new Int32Array(rows * slots).fill(-1), scores: new Float32Array(rows * slots), floor: new Float32Array(rows) };
}

export const priorRows = (table: PriorTable): number => table.floor.length;

/**
 * Stores the top of one fused score vector. Non-finite scores (a masked item) never enter the top and get the
 * floor like any other item outside it. A row never set stays "no history": prior 0 for every item.
 */
export function setPriorRow(table: PriorTable, row: number, fused: Float32Array): void {
  let mask: Uint8Array | undefined;
  for (let i = 0; i < fused.length; i++) {
    if (!Number.isFinite(fused[i]!)) (mask ??= new Uint8Array(fused.length))[i] = 1;
  }
  const best = topKIndices(fused, table.top, mask);
  const offset = row * table.top;
  table.items.fill(-1, offset, offset + table.top);
  table.scores.fill(0, offset, offset + table.top);
  for (let r = 0; r < best.length; r++) {
    table.items[offset + r] = best[r]!;
    table.scores[offset + r] = fused[best[r]!]!;
  }
  table.floor[row] = best.length > 0 ? fused[best[best.length - 1]!]! : 0;
}

/** The prior of one item (dataset index) in one row. */
export function priorValue(table: PriorTable, row: number, item: number): number {
  const offset = row * table.top;
  for (let r = 0; r < table.top; r++) {
    const slot = table.items[offset + r]!;
    if (slot === item) return table.scores[offset + r]!;
    if (slot < 0) break;
  }
  return table.floor[row]!;
}

/** Every item's prior of one row, times `scale`, added into `out` ([itemCount], dataset order). */
export function addPriorRow(table: PriorTable, row: number, scale: number, out: Float32Array): void {
  const floor = table.floor[row]! * scale;
  if (floor !== 0) for (let i = 0; i < table.itemCount; i++) out[i]! += floor;
  const offset = row * table.top;
  for (let r = 0; r < table.top; r++) {
    const item = table.items[offset + r]!;
    if (item < 0) break;
    out[item]! += (table.scores[offset + r]! - table.floor[row]!) * scale;
  }
}

/**
 * Sampled softmax: the prior of every (row, candidate) cell for candidates shared by all rows, given as model
 * tokens (item index + 1). Returns [rows.length * candidates.length], row-major.
 */
export function priorForSharedTokens(table: PriorTable, rows: Int32Array, tokens: Int32Array): Float32Array {
  const k = tokens.length;
  const out = new Float32Array(rows.length * k);
  // A token may be drawn more than once: every one of its columns gets the value.
  const columns = new Map<number, number[]>();
  tokens.forEach((token, j) => {
    const list = columns.get(token - 1);
    if (list) list.push(j);
    else columns.set(token - 1, [j]);
  });
  for (let p = 0; p < rows.length; p++) {
    const row = rows[p]!;
    out.fill(table.floor[row]!, p * k, (p + 1) * k);
    const offset = row * table.top;
    for (let r = 0; r < table.top; r++) {
      const item = table.items[offset + r]!;
      if (item < 0) break;
      for (const j of columns.get(item) ?? []) out[p * k + j] = table.scores[offset + r]!;
    }
  }
  return out;
}

/** One token per row (e.g. each row's target), or `perRow` tokens per row (hard negatives): [rows.length * perRow]. */
export function priorForRowTokens(table: PriorTable, rows: Int32Array, tokens: Int32Array, perRow = 1): Float32Array {
  if (tokens.length !== rows.length * perRow) throw new Error(`prior: ${tokens.length} tokens for ${rows.length} rows x ${perRow}.`);
  return Float32Array.from(tokens, (token, i) => (token > 0 ? priorValue(table, rows[Math.floor(i / perRow)]!, token - 1) : 0));
}

/** Full softmax: every item's prior for each row, [rows.length * itemCount] in dataset order (padding token excluded). */
export function priorDense(table: PriorTable, rows: Int32Array): Float32Array {
  const n = table.itemCount;
  const out = new Float32Array(rows.length * n);
  rows.forEach((row, p) => addPriorRow(table, row, 1, out.subarray(p * n, (p + 1) * n)));
  return out;
}

/**
 * Re-ranking loss (`reshelf train --prior-loss top`): each row's own candidates, the prior's top `table.top` items
 * best first, for the rows whose target is among them. A row whose target the prior ranks below its top carries
 * nothing for re-ranking and is left out (`kept` lists the rows used, as indices into `rows`).
 * `tokens` [kept x top] are model tokens (item + 1; 0 = an unused slot, masked by `mask` = -1e9), `values` the
 * prior's scores, `targetColumn` [kept] where each kept row's target sits.
 */
export interface PriorCandidates {
  kept: Int32Array;
  tokens: Int32Array;
  values: Float32Array;
  mask: Float32Array;
  targetColumn: Int32Array;
}

export function priorTopCandidates(table: PriorTable, rows: Int32Array, targetTokens: Int32Array): PriorCandidates {
  const k = table.top;
  const kept: number[] = [];
  const columns: number[] = [];
  rows.forEach((row, p) => {
    const offset = row * k;
    for (let r = 0; r < k; r++) {
      const item = table.items[offset + r]!;
      if (item < 0) break;
      if (item === targetTokens[p]! - 1) {
        kept.push(p);
        columns.push(r);
        break;
      }
    }
  });
  const tokens = new Int32Array(kept.length * k);
  const values = new Float32Array(kept.length * k);
  const mask = new Float32Array(kept.length * k);
  kept.forEach((p, i) => {
    const offset = rows[p]! * k;
    for (let r = 0; r < k; r++) {
      const item = table.items[offset + r]!;
      if (item < 0) mask[i * k + r] = -1e9;
      else {
        tokens[i * k + r] = item + 1;
        values[i * k + r] = table.scores[offset + r]!;
      }
    }
  });
  return { kept: Int32Array.from(kept), tokens, values, mask, targetColumn: Int32Array.from(columns) };
}
