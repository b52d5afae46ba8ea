import type { SignalName } from '../../signals/registry.js';

/** What on-device online learning is doing for this shopper (status().online and rank outcomes). */
export interface OnlineFusionStatus {
  /** False when turned off (`onlineLearning: false` in createReshelf options). */
  enabled: boolean;
  /** True once enough clicks were seen for the multipliers to apply (before that, rankings use the shipped weights). */
  active: boolean;
  /** Clicks (or carts, purchases) on shown items the weights learned from. */
  clicks: number;
  /** Per-signal factor applied to the shipped fusion weight (1 = unchanged; within [0.5, 2] by default). */
  multipliers: Partial<Record<SignalName, number>>;
}
