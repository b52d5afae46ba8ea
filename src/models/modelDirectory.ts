import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODEL_FILES, loadModelFiles, type LoadedSequenceModel, type SequenceModelFiles, type SequenceModelJson } from './modelArtifacts.js';
import { ModelError } from './modelSpec.js';

/** Node-only: a model directory written by `reshelf train` (see modelArtifacts.ts for the files). */
export function writeModelDirectory(dir: string, files: SequenceModelFiles): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MODEL_FILES.json), JSON.stringify(files.json));
  writeFileSync(join(dir, MODEL_FILES.weights), new Uint8Array(files.weights));
  writeFileSync(join(dir, MODEL_FILES.codes), new Uint8Array(files.itemTable.codes.buffer, files.itemTable.codes.byteOffset, files.itemTable.codes.byteLength));
  writeFileSync(join(dir, MODEL_FILES.scales), new Uint8Array(files.itemTable.scales.buffer, files.itemTable.scales.byteOffset, files.itemTable.scales.byteLength));
}

function readBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch {
    throw new ModelError('MODEL_BAD_ARTIFACT', `${path} is missing: point --model at a directory written by \`reshelf train\`.`);
  }
}

export function readModelFiles(dir: string): SequenceModelFiles {
  const json = JSON.parse(Buffer.from(readBytes(join(dir, MODEL_FILES.json))).toString('utf8')) as SequenceModelJson;
  const weights = readBytes(join(dir, MODEL_FILES.weights));
  const codes = readBytes(join(dir, MODEL_FILES.codes));
  const scales = readBytes(join(dir, MODEL_FILES.scales));
  const count = json.userDefinedMetadata?.itemTable?.count ?? 0;
  const dim = json.userDefinedMetadata?.itemTable?.dim ?? 0;
  return {
    json,
    weights: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer,
    itemTable: {
      dtype: 'int8',
      count,
      dim,
      codes: new Int8Array(codes.buffer.slice(codes.byteOffset, codes.byteOffset + codes.byteLength)),
      scales: new Float32Array(scales.buffer.slice(scales.byteOffset, scales.byteOffset + scales.byteLength)),
    },
  };
}

export function readModelDirectory(dir: string): LoadedSequenceModel {
  return loadModelFiles(readModelFiles(dir));
}
