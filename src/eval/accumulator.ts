import type { VectorTable } from '../catalog/catalogModel.js';
import { vectorRow } from '../signals/scoreItemVectors.js';
import { CUTOFFS, METRIC_NAMES, rankMetrics } from './metrics.js';

/** Per-user facts the report groups by. */
export interface CaseFacts {
  historyLength: number;
  /** 'head' | 'torso' | 'tail' by the target's training popularity. */
  targetBucket: string;
}

export const HISTORY_BUCKETS = ['1-3', '4+', '4-7', '8+'] as const;

export function historyBuckets(length: number): string[] {
  if (length <= 0) return ['0'];
  if (length <= 3) return ['1-3'];
  return ['4+', length <= 7 ? '4-7' : '8+'];
}

interface GroupSum {
  users: number;
  ndcg10: number;
}

/**
 * Sums one method's per-user results; `finish()` gives the means the report shows. Beyond the rank metrics:
 * catalogue coverage@10 (share of items in at least one top 10), intra-list diversity@10 (mean pairwise
 * 1 - content cosine inside a top 10), ARP@10 (mean training count of recommended items) and PopBias@10 (mean
 * popularity percentile of recommended items, 1 = the most popular item).
 */
export class MethodAccumulator {
  private users = 0;
  private readonly sums = new Map<string, number>();
  private readonly covered: Uint8Array;
  private ild = 0;
  private ildUsers = 0;
  private arp = 0;
  private popPercentile = 0;
  private readonly groups = new Map<string, GroupSum>();

  constructor(
    private readonly itemCount: number,
    private readonly counts: Float32Array,
    private readonly percentile: Float32Array,
    private readonly content: VectorTable | undefined,
  ) {
    this.covered = new Uint8Array(itemCount);
  }

  add(rank: number, top10: ArrayLike<number>, facts: CaseFacts): void {
    this.users++;
    for (const k of CUTOFFS) {
      const m = rankMetrics(rank, k);
      for (const name of METRIC_NAMES) this.sums.set(`${name}@${k}`, (this.sums.get(`${name}@${k}`) ?? 0) + m[name]);
    }
    const ndcg10 = rankMetrics(rank, 10).NDCG;
    for (const key of [...historyBuckets(facts.historyLength).map((b) => `history ${b}`), `target ${facts.targetBucket}`]) {
      const g = this.groups.get(key) ?? { users: 0, ndcg10: 0 };
      g.users++;
      g.ndcg10 += ndcg10;
      this.groups.set(key, g);
    }
    let arp = 0;
    let pct = 0;
    for (let p = 0; p < top10.length; p++) {
      const item = top10[p]!;
      this.covered[item] = 1;
      arp += this.counts[item]!;
      pct += this.percentile[item]!;
    }
    if (top10.length > 0) {
      this.arp += arp / top10.length;
      this.popPercentile += pct / top10.length;
    }
    if (this.content && top10.length > 1) {
      const vectors = Array.from(top10, (item) => vectorRow(this.content!, item));
      let distance = 0;
      let pairs = 0;
      for (let a = 0; a < vectors.length; a++) {
        for (let b = a + 1; b < vectors.length; b++) {
          let dot = 0;
          const va = vectors[a]!;
          const vb = vectors[b]!;
          for (let d = 0; d < va.length; d++) dot += va[d]! * vb[d]!;
          distance += 1 - dot;
          pairs++;
        }
      }
      this.ild += distance / pairs;
      this.ildUsers++;
    }
  }

  finish(): { metrics: Record<string, number>; groups: Record<string, { users: number; 'NDCG@10': number }> } {
    const metrics: Record<string, number> = {};
    for (const [key, sum] of this.sums) metrics[key] = round(sum / (this.users || 1));
    let covered = 0;
    for (const c of this.covered) covered += c;
    metrics['Coverage@10'] = round(covered / this.itemCount);
    if (this.ildUsers > 0) metrics['ILD@10'] = round(this.ild / this.ildUsers);
    metrics['ARP@10'] = round(this.arp / (this.users || 1));
    metrics['PopBias@10'] = round(this.popPercentile / (this.users || 1));
    const groups: Record<string, { users: number; 'NDCG@10': number }> = {};
    for (const [key, g] of [...this.groups].sort()) groups[key] = { users: g.users, 'NDCG@10': round(g.ndcg10 / (g.users || 1)) };
    return { metrics, groups };
  }
}

/** Reports carry 6 decimals: enough for 4-decimal comparisons, short enough to read. */
export function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Popularity percentile of each item by training count (ties share the lower rank), 0..1. */
export function popularityPercentile(counts: Float32Array): Float32Array {
  const order = Array.from(counts.keys()).sort((a, b) => counts[a]! - counts[b]! || a - b);
  const out = new Float32Array(counts.length);
  const n = counts.length;
  let r = 0;
  while (r < n) {
    let end = r;
    while (end + 1 < n && counts[order[end + 1]!] === counts[order[r]!]) end++;
    for (let p = r; p <= end; p++) out[order[p]!] = n > 1 ? r / (n - 1) : 1;
    r = end + 1;
  }
  return out;
}

/** head = most popular 10% of items, torso = next 40%, tail = the rest (by training count). */
export function popularityBuckets(counts: Float32Array): string[] {
  const order = Array.from(counts.keys()).sort((a, b) => counts[b]! - counts[a]! || a - b);
  const out: string[] = new Array(counts.length);
  order.forEach((item, r) => {
    out[item] = r < 0.1 * counts.length ? 'head' : r < 0.5 * counts.length ? 'torso' : 'tail';
  });
  return out;
}
