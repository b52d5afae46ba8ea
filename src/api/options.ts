import type { RetentionPolicy } from '../storage/eventStore.js';
import type { BackendName } from '../scoring/types.js';

/** Options of `createReshelf`. Only `catalog` is required. */
export interface ReshelfOptions {
  /** URL of the catalog bundle's manifest.json (relative URLs resolve against the page). */
  catalog: string | URL;
  /** 'indexeddb' (default) keeps history across visits; 'memory' keeps it for this page view only. */
  storage?: 'indexeddb' | 'memory';
  /** Give up and keep the page's order if the worker is not ready within this many ms (default 10,000). */
  timeoutMs?: number;
  /** How much history the device keeps. */
  retention?: Partial<RetentionPolicy>;
  /** Starts the worker; override when a bundler or a CDN needs a different URL. */
  createWorker?: () => Worker;
  /** IndexedDB database name (default "reshelf"); useful to isolate tests. */
  dbName?: string;
  /**
   * Score with this backend ('simd', 'js', 'wasm', 'cpu', 'webgl', 'webgpu') instead of measuring which is
   * fastest on this device; the others remain fallbacks. `status().scoring` shows the backend in use.
   */
  backend?: BackendName;
  /**
   * Online learning (default true): the fusion weights adapt, within bounds, to which shown items this shopper
   * clicks; the state stays on the device, in `exportData()`, and `forget()` erases it. false ranks with the
   * shipped weights only. `status().online` shows the current per-signal multipliers.
   */
  onlineLearning?: boolean;
  /** Called once with the reason whenever reshelf falls back to the page's original order. */
  onFallback?: (reason: import('./errors.js').ReshelfReason) => void;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
