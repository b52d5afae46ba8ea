import type { AutoTrackSettings } from './types.js';
import type { BackendName } from '../scoring/types.js';

/**
 * The loader's own `<script>` attributes (the page markup vocabulary is in src/dom/attributes.ts):
 *
 * | attribute | meaning | default |
 * |---|---|---|
 * | `data-catalog` | URL of the catalog bundle's manifest.json, relative to the page | required |
 * | `data-consent="required"` | start nothing until `reshelf.push(['consent', true])` | start unless GPC |
 * | `data-autotrack` | what to record by itself: `views clicks datalayer`, or `off` | all three |
 * | `data-view-ms` | how long a product must stay half visible to count as a view | 1000 |
 * | `data-timeout` | give up (keep the page's order) if not ready after this many ms | 10000 |
 * | `data-worker` | URL of `reshelf/worker.js` when it is not next to the loader | beside the loader |
 * | `data-backend` | score with this backend: `simd`, `js`, `wasm`, `cpu`, `webgl` or `webgpu` (others are ignored) | measured |
 */
export interface EmbedConfig {
  /** Absolute manifest URL, or undefined when `data-catalog` is missing. */
  catalog: string | undefined;
  /** Absolute worker URL, or undefined when the loader cannot tell where it was loaded from. */
  workerUrl: string | undefined;
  consentRequired: boolean;
  autotrack: AutoTrackSettings;
  viewMs: number;
  timeoutMs: number | undefined;
  /** Forced scoring backend (`data-backend`), or undefined to let the worker measure. */
  backend: BackendName | undefined;
}

/** Where the worker lives relative to the loader (`npm run build` writes both: dist/reshelf.js, dist/reshelf/). */
export const WORKER_PATH = 'reshelf/worker.js';

function positiveNumber(value: string | null | undefined): number | undefined {
  const n = value ? Number(value) : Number.NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

function absolute(url: string | null | undefined, base: string): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url, base).href;
  } catch {
    return undefined;
  }
}

/** Reads the configuration from the loader's script element (which may be missing, e.g. in a module). */
export function readScriptConfig(script: Element | null, pageUrl: string): EmbedConfig {
  const data = (name: string) => script?.getAttribute(`data-${name}`);
  const src = script?.getAttribute('src') ? (script as HTMLScriptElement).src : undefined;
  const autotrack = (data('autotrack') ?? 'views clicks datalayer').toLowerCase().split(/[\s,]+/);
  return {
    catalog: absolute(data('catalog'), pageUrl),
    workerUrl: absolute(data('worker'), pageUrl) ?? (src ? absolute(WORKER_PATH, src) : undefined),
    consentRequired: data('consent') === 'required',
    autotrack: { views: autotrack.includes('views'), clicks: autotrack.includes('clicks'), dataLayer: autotrack.includes('datalayer') },
    viewMs: positiveNumber(data('view-ms')) ?? 1000,
    timeoutMs: positiveNumber(data('timeout')),
    backend: /^(simd|js|wasm|cpu|webgl|webgpu)$/.test(data('backend') ?? '') ? (data('backend') as BackendName) : undefined,
  };
}
