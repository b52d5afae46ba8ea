import * as tf from '@tensorflow/tfjs-core';
import type { VectorTable } from '../catalog/catalogModel.js';
import { quantiseTable } from '../scoring/quantise.js';
import type { Params } from './layers.js';
import { ModelError, SEQUENCE_MODEL_KINDS, type SequenceModelConfig, type TrainingRecord } from './modelSpec.js';

/**
 * A trained sequence model as files (browser-safe: bytes in, tensors out; no file system here):
 * - `model.json`: tfjs model-JSON shape (`format`, `modelTopology`, `weightsManifest`, `userDefinedMetadata`);
 *   the topology is reshelf's own config, not a tfjs-layers graph, so the worker needs tfjs-core only;
 * - `weights.bin`: every weight except the item embedding (tfjs weight encoding);
 * - `item-table.int8.bin` + `item-table.scales.bin`: the item embedding rows 1..itemCount as int8 codes and one
 *   float32 scale per row (value = code * scale), dataset index order. This is the table the shop scores
 *   against, and the encoder's input embedding is the same table dequantised, so the bundle carries it once.
 */
export const MODEL_FORMAT = 'reshelf-sequence-model';
export const MODEL_FILES = { json: 'model.json', weights: 'weights.bin', codes: 'item-table.int8.bin', scales: 'item-table.scales.bin' } as const;

export interface SequenceModelJson {
  format: typeof MODEL_FORMAT;
  generatedBy: string;
  modelTopology: { reshelf: SequenceModelConfig };
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  userDefinedMetadata: {
    training: TrainingRecord;
    /** Item id per table row (the dataset's/shop's own ids), for aligning with a bundle's item order. */
    itemIds: string[];
    itemTable: { count: number; dim: number; codes: string; scales: string };
  };
}

export interface SequenceModelFiles {
  json: SequenceModelJson;
  weights: ArrayBuffer;
  itemTable: Extract<VectorTable, { dtype: 'int8' }>;
}

/** A model ready to encode: weights as tensors on the active backend (item_embedding dequantised, row 0 zero). */
export interface LoadedSequenceModel {
  config: SequenceModelConfig;
  training: TrainingRecord;
  itemIds: string[];
  params: Params;
  itemTable: Extract<VectorTable, { dtype: 'int8' }>;
}

export async function buildModelFiles(config: SequenceModelConfig, training: TrainingRecord, itemIds: string[], params: Params): Promise<SequenceModelFiles> {
  const { item_embedding: table, ...rest } = params;
  if (!table) throw new ModelError('MODEL_BAD_ARTIFACT', 'item_embedding is missing from the trained weights.');
  const rows = (await tf.slice(table, [1, 0], [-1, -1]).data()) as Float32Array;
  const itemTable = quantiseTable({ dtype: 'float32', count: config.itemCount, dim: config.dim, values: rows });
  const { data, specs } = await tf.io.encodeWeights(rest as tf.NamedTensorMap);
  const json: SequenceModelJson = {
    format: MODEL_FORMAT,
    generatedBy: 'reshelf train',
    modelTopology: { reshelf: config },
    weightsManifest: [{ paths: [MODEL_FILES.weights], weights: specs }],
    userDefinedMetadata: {
      training,
      itemIds,
      itemTable: { count: config.itemCount, dim: config.dim, codes: MODEL_FILES.codes, scales: MODEL_FILES.scales },
    },
  };
  return { json, weights: data, itemTable };
}

/** Validates model.json and turns the files into tensors. Throws MODEL_BAD_ARTIFACT with what is wrong. */
export function loadModelFiles(files: SequenceModelFiles): LoadedSequenceModel {
  const { json, itemTable } = files;
  const config = json?.modelTopology?.reshelf;
  if (json?.format !== MODEL_FORMAT || !config || !SEQUENCE_MODEL_KINDS.includes(config.kind)) {
    throw new ModelError('MODEL_BAD_ARTIFACT', `model.json is not a ${MODEL_FORMAT} (format "${String(json?.format)}"); train it with \`reshelf train\`.`);
  }
  if (itemTable.count !== config.itemCount || itemTable.dim !== config.dim || itemTable.codes.length !== config.itemCount * config.dim) {
    throw new ModelError('MODEL_BAD_ARTIFACT', `item table is ${itemTable.count} x ${itemTable.dim}, the model expects ${config.itemCount} x ${config.dim}.`);
  }
  const specs = json.weightsManifest.flatMap((group) => group.weights);
  const params: Params = tf.io.decodeWeights(files.weights, specs);
  const values = new Float32Array((config.itemCount + 1) * config.dim);
  for (let i = 0; i < config.itemCount; i++) {
    const scale = itemTable.scales[i]!;
    for (let j = 0; j < config.dim; j++) values[(i + 1) * config.dim + j] = itemTable.codes[i * config.dim + j]! * scale;
  }
  params.item_embedding = tf.tensor2d(values, [config.itemCount + 1, config.dim]);
  return { config, training: json.userDefinedMetadata.training, itemIds: json.userDefinedMetadata.itemIds, params, itemTable };
}

export function disposeModel(model: LoadedSequenceModel): void {
  tf.dispose(Object.values(model.params));
}
