import type { SequenceModelSection } from '../catalog/catalogModel.js';
import type { Dataset } from '../datasets/dataset.js';
import type { SplitName } from '../datasets/split.js';
import type { MethodSpec } from '../eval/methods.js';
import { ensembleSections } from './ensembleSections.js';
import { sequenceModelForSplit } from './evalSequenceModel.js';
import { disposeModel } from './modelArtifacts.js';
import { readModelDirectory } from './modelDirectory.js';
import { ModelError, type TrainingRecord } from './modelSpec.js';
import { useTrainingBackend } from './nodeBackend.js';

/**
 * Node-only glue for `reshelf eval --model <dir>`: loads the model on tfjs wasm, checks it may score each
 * split it is needed for (ModelError MODEL_SAW_TEST_TARGETS / MODEL_DATASET_MISMATCH otherwise), and encodes
 * every history of those splits in batches. The report names the signal by the model's kind (e.g. `sasrec`);
 * in fusion configurations its weight is `weights.model`.
 */
export interface EvalModelSignal {
  kind: string;
  /** The catalog section per split (test for the figures, valid for tuning). */
  sections: Map<SplitName, SequenceModelSection>;
  /** What goes into report.json about the model. */
  describe: { dir: string; kind: string; training: TrainingRecord; dim: number; maxLen: number; encodeSeconds: number; scores?: 'probabilities'; testModel?: { dir: string; training: TrainingRecord }; members?: EvalModelSignal['describe'][] };
}

/**
 * `testDir` (`reshelf eval --test-model`): the same model refitted for the test split, i.e. trained with only the
 * test target held out (`reshelf train --holdout 1 --epochs <the best epoch of the --model run>`), the way every
 * classical signal is rebuilt on the test split's training data (quality-protocol.md: "tuned on the validation
 * target, then refitted on the test training data"). It scores the test split only; tuning keeps using `dir`,
 * which never saw a validation target. Without it, `dir` scores both splits.
 * `scores` (`reshelf eval --model-scores`): what the signal hands to fusion, see scoreSequenceModel.
 */
export async function loadEvalModelSignal(dir: string, dataset: Dataset, splits: readonly SplitName[], log: (line: string) => void, testDir?: string, scores: 'logits' | 'probabilities' = 'logits'): Promise<EvalModelSignal> {
  await useTrainingBackend('wasm');
  const model = readModelDirectory(dir);
  const testModel = testDir !== undefined ? readModelDirectory(testDir) : undefined;
  const started = performance.now();
  try {
    if (testModel && (testModel.config.kind !== model.config.kind || testModel.config.dim !== model.config.dim || testModel.config.maxLen !== model.config.maxLen)) {
      throw new ModelError('MODEL_DATASET_MISMATCH', `--test-model ${testDir} is a ${testModel.config.kind} (D=${testModel.config.dim}, L=${testModel.config.maxLen}), --model ${dir} a ${model.config.kind} (D=${model.config.dim}, L=${model.config.maxLen}); refit the same architecture.`);
    }
    const sections = new Map<SplitName, SequenceModelSection>();
    for (const split of new Set(splits)) {
      const section = await sequenceModelForSplit(split === 'test' && testModel ? testModel : model, dataset, split, log);
      if (scores === 'probabilities') section.scores = 'probabilities';
      sections.set(split, section);
    }
    const { kind, dim, maxLen } = model.config;
    const describe: EvalModelSignal['describe'] = { dir, kind, training: model.training, dim, maxLen, encodeSeconds: 0, ...(scores === 'probabilities' ? { scores } : {}) };
    if (testModel && testDir !== undefined) describe.testModel = { dir: testDir, training: testModel.training };
    describe.encodeSeconds = Math.round((performance.now() - started) / 100) / 10;
    return { kind, sections, describe };
  } finally {
    disposeModel(model);
    if (testModel) disposeModel(testModel);
  }
}

/**
 * `reshelf eval --model a,b [--test-model a',b']`: an ensemble, one signal scoring the sum of the members' logits
 * (ensembleSections.ts). Each member is loaded, checked and encoded as a single --model is (one at a time, so
 * only one model's tensors are alive), then their sections are merged per split. The report describes the first
 * member at the top level (as for one model) and every member under `members`.
 */
export async function loadEvalEnsembleSignal(dirs: readonly string[], dataset: Dataset, splits: readonly SplitName[], log: (line: string) => void, testDirs?: readonly string[], scores: 'logits' | 'probabilities' = 'logits'): Promise<EvalModelSignal> {
  if (testDirs !== undefined && testDirs.length !== dirs.length) {
    throw new ModelError('MODEL_DATASET_MISMATCH', `--test-model names ${testDirs.length} model(s), --model ${dirs.length}: give each member its refit, in the same order.`);
  }
  if (dirs.length === 1) return loadEvalModelSignal(dirs[0]!, dataset, splits, log, testDirs?.[0], scores);
  if (scores !== 'logits') throw new ModelError('MODEL_BAD_ARTIFACT', 'Ensembles sum logits; --model-scores probabilities applies to a single model only.');
  const members: EvalModelSignal[] = [];
  for (let i = 0; i < dirs.length; i++) members.push(await loadEvalModelSignal(dirs[i]!, dataset, splits, log, testDirs?.[i]));
  const sections = new Map<SplitName, SequenceModelSection>();
  for (const split of new Set(splits)) sections.set(split, ensembleSections(members.map((m) => m.sections.get(split)!)));
  const first = members[0]!.describe;
  const kind = sections.values().next().value!.kind;
  const describe: EvalModelSignal['describe'] = {
    ...first,
    kind,
    dir: dirs.join(','),
    dim: members.reduce((sum, m) => sum + m.describe.dim, 0),
    encodeSeconds: Math.round(members.reduce((sum, m) => sum + m.describe.encodeSeconds, 0) * 10) / 10,
    members: members.map((m) => m.describe),
  };
  return { kind, sections, describe };
}

/**
 * Adds the model's method (signal `model`, reported under the model's kind) to resolved methods, before the
 * first fusion method, and, when `fused` is evaluated, `fused-without-<kind>` (same configuration, model weight
 * 0). `--methods` may also name the model (by kind or as `model`), which resolveMethods would not know.
 */
export function methodNamesWithoutModel(names: readonly string[], kind: string): string[] {
  return names.filter((n) => n !== kind && n !== 'model');
}

export function addModelMethod(methods: readonly MethodSpec[], kind: string): MethodSpec[] {
  const spec: MethodSpec = { name: kind, kind: 'signal', signal: 'model' };
  const at = methods.findIndex((m) => m.kind === 'fusion');
  const out = at < 0 ? [...methods, spec] : [...methods.slice(0, at), spec, ...methods.slice(at)];
  // Ablation in the same run: `fused` with the model's weight set to 0 and every other setting unchanged.
  const fused = methods.find((m) => m.name === 'fused');
  if (fused?.kind === 'fusion') out.push({ name: `fused-without-${kind}`, kind: 'fusion', config: { ...fused.config, weights: { ...fused.config.weights, model: 0 } } });
  return out;
}
