import type { Dataset } from '../datasets/dataset.js';
import { ModelError, type TrainingRecord } from './modelSpec.js';
import type { SequenceCase } from './scoreUsers.js';

/**
 * What a model may see, and the check that it did not see what it is scored on. Training uses each user's
 * sequence minus its last `heldOutTail` items (2 by default: the validation and the test target), and without
 * any interaction with `heldOutItems` (the cold-item split). The model records both plus a fingerprint of the
 * dataset; `assertModelMayScore` refuses a model trained on other data or on the split's own targets.
 */
export function datasetFingerprint(dataset: Dataset): string {
  // FNV-1a over the item count and every user's full sequence: changes if any interaction changes.
  let hash = 0x811c9dc5;
  const mix = (value: number) => {
    hash ^= value & 0xffff;
    hash = Math.imul(hash, 0x01000193);
    hash ^= value >>> 16;
    hash = Math.imul(hash, 0x01000193);
  };
  mix(dataset.items.length);
  for (const user of dataset.users) {
    mix(user.items.length);
    for (const item of user.items) mix(item);
  }
  return `fnv1a32:${(hash >>> 0).toString(16).padStart(8, '0')}:${dataset.users.length}u:${dataset.items.length}i`;
}

export function trainingSequences(dataset: Dataset, heldOutTail: number, heldOutItems: ReadonlySet<number> = new Set()): Int32Array[] {
  return dataset.users.map((user) => {
    const kept = user.items.subarray(0, Math.max(0, user.items.length - heldOutTail));
    return heldOutItems.size === 0 ? kept : kept.filter((item) => !heldOutItems.has(item));
  });
}

/** Leave-one-out cases of quality-protocol.md: 'test' targets the last item, 'valid' the second-to-last. */
export function splitCases(dataset: Dataset, split: 'valid' | 'test'): SequenceCase[] {
  const tail = split === 'test' ? 1 : 2;
  const cases: SequenceCase[] = [];
  for (const user of dataset.users) {
    const length = user.items.length - tail;
    if (length < 0) continue;
    cases.push({ history: user.items.subarray(0, length), target: user.items[length]! });
  }
  return cases;
}

export function assertModelMayScore(training: TrainingRecord, dataset: Dataset, split: 'valid' | 'test'): void {
  const fingerprint = datasetFingerprint(dataset);
  if (training.fingerprint !== fingerprint) {
    throw new ModelError(
      'MODEL_DATASET_MISMATCH',
      `The model was trained on "${training.dataset}" (${training.fingerprint}), not on this dataset (${fingerprint}); train it on this dataset with \`reshelf train\`.`,
    );
  }
  const needed = split === 'test' ? 1 : 2;
  if (training.heldOutTail < needed) {
    throw new ModelError(
      'MODEL_SAW_TEST_TARGETS',
      `The model was trained with only ${training.heldOutTail} final item(s) per user held out, so it saw the ${split} targets; retrain with --holdout 2 to evaluate it.`,
    );
  }
}
