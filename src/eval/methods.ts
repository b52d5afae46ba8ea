import { DEFAULT_FUSION_CONFIG } from '../fusion/defaultConfig.js';
import type { FusionConfig } from '../fusion/fusionConfig.js';
import { SIGNAL_NAMES, type SignalName } from '../signals/registry.js';

/**
 * What `reshelf eval --methods` can name:
 * - every signal alone (pop = leak-free popularity, content, cf, knn, pearson, ease, sequence, prototypes);
 * - `pop-leaky`: popularity counted over ALL interactions including held-out ones (protocol check only);
 * - `fused`: exactly the configuration under evaluation (the shipped default unless --config);
 * - `rrf`, `borda`: voting over the same signals and weights as `fused`;
 * - `stacked`: the learned combination, when the configuration carries one.
 */
export type MethodSpec =
  | { name: string; kind: 'signal'; signal: SignalName }
  | { name: 'pop-leaky'; kind: 'pop-leaky' }
  | { name: string; kind: 'fusion'; config: FusionConfig };

// `model` is left out: it needs `reshelf eval --model <dir>`, which adds it under the model's kind (e.g. sasrec).
export const DEFAULT_METHODS = ['pop', 'pop-leaky', ...SIGNAL_NAMES.filter((s) => s !== 'pop' && s !== 'model'), 'rrf', 'borda', 'stacked', 'fused'];

export function resolveMethods(names: readonly string[], config: FusionConfig = DEFAULT_FUSION_CONFIG): MethodSpec[] {
  const out: MethodSpec[] = [];
  for (const name of names) {
    if ((SIGNAL_NAMES as readonly string[]).includes(name)) out.push({ name, kind: 'signal', signal: name as SignalName });
    else if (name === 'pop-leaky') out.push({ name, kind: 'pop-leaky' });
    else if (name === 'fused') out.push({ name, kind: 'fusion', config });
    else if (name === 'rrf' || name === 'borda') out.push({ name, kind: 'fusion', config: { ...config, method: name } });
    else if (name === 'stacked') {
      if (config.stacked) out.push({ name, kind: 'fusion', config: { ...config, method: 'stacked' } });
    } else {
      throw new Error(`Unknown method "${name}". Known: ${DEFAULT_METHODS.join(', ')}.`);
    }
  }
  return out;
}
