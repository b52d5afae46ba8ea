import type { SequenceModelSection } from '../catalog/catalogModel.js';
import type { Dataset } from '../datasets/dataset.js';
import { leaveOneOut, type SplitName } from '../datasets/split.js';
import { assertModelMayScore } from './heldOutData.js';
import type { LoadedSequenceModel } from './modelArtifacts.js';
import { ModelError } from './modelSpec.js';
import { encodeUsers } from './scoreUsers.js';
import { sequenceQueryItems, sequenceQueryKey } from './sequenceQueries.js';

/**
 * `reshelf eval --model`: the model as the catalog's `sequenceModel` for one split, with the user vector of
 * every case's history computed up front in batches (256 histories per predict call, grouped by length), so
 * the synchronous ranking code finds them by key. Refuses (ModelError) a model trained on another dataset or
 * on this split's targets, before encoding anything.
 */
export async function sequenceModelForSplit(model: LoadedSequenceModel, dataset: Dataset, split: SplitName, log: (line: string) => void = () => {}): Promise<SequenceModelSection> {
  assertModelMayScore(model.training, dataset, split);
  const { config, itemTable } = model;
  if (itemTable.count !== dataset.items.length) {
    throw new ModelError('MODEL_DATASET_MISMATCH', `The model's item table has ${itemTable.count} rows, the dataset ${dataset.items.length} items.`);
  }
  // The history a case's signals see is its training sequence (evaluate.ts caseHistory): same items, same key.
  const keys = new Map<string, Int32Array>();
  for (const c of leaveOneOut(dataset, split).cases) {
    const items = sequenceQueryItems({ events: Array.from(c.history.items, (item) => ({ item })) }, config.maxLen);
    if (items.length > 0) keys.set(sequenceQueryKey(items), Int32Array.from(items));
  }
  const histories = [...keys.values()];
  const started = performance.now();
  const vectors = await encodeUsers(model.params, config, histories);
  log(`${config.kind}: encoded ${histories.length} ${split} histories in ${((performance.now() - started) / 1000).toFixed(1)} s (batches of 256)`);
  const queries = new Map<string, Float32Array>();
  let row = 0;
  for (const key of keys.keys()) {
    queries.set(key, vectors.slice(row * config.dim, (row + 1) * config.dim));
    row++;
  }
  return { kind: config.kind, maxLen: config.maxLen, itemTable, queries };
}
