import { DEFAULT_FUSION_CONFIG } from './defaultConfig.js';
import type { FusionConfig } from './fusionConfig.js';

/**
 * Merges a partial configuration (e.g. a tuned config JSON, or what a bundle ships) over the defaults,
 * object by object, so a file only needs the values it changes. Arrays and scalars replace.
 */
export function mergeFusionConfig(partial: unknown, base: FusionConfig = DEFAULT_FUSION_CONFIG): FusionConfig {
  if (partial === null || typeof partial !== 'object' || Array.isArray(partial)) {
    throw new Error('A fusion configuration must be a JSON object (see src/fusion/fusionConfig.ts for the fields).');
  }
  return deepMerge(base, partial as Record<string, unknown>) as FusionConfig;
}

/** The same object-by-object merge for any options object (e.g. training options). */
export function mergeOptions(base: unknown, patch: unknown): unknown {
  return deepMerge(base, patch);
}

function deepMerge(base: unknown, patch: unknown): unknown {
  if (patch === undefined) return base;
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  if (base === null || typeof base !== 'object' || Array.isArray(base)) return patch;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    out[key] = deepMerge(out[key], value);
  }
  return out;
}
