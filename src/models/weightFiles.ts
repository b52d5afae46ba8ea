import * as tf from '@tensorflow/tfjs-core';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Node-only: a named set of tensors as `<name>.json` (tfjs weight specs) + `<name>.bin` (tfjs weight data, the same
 * encoding as a tfjs model's weights). Written to a temporary name then renamed, so an interrupted write never
 * leaves a half checkpoint behind.
 */
export async function writeTensors(dir: string, name: string, tensors: tf.NamedTensorMap): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const { data, specs } = await tf.io.encodeWeights(tensors);
  writeFileSync(join(dir, `${name}.bin.tmp`), new Uint8Array(data));
  writeFileSync(join(dir, `${name}.json.tmp`), JSON.stringify(specs));
  renameSync(join(dir, `${name}.bin.tmp`), join(dir, `${name}.bin`));
  renameSync(join(dir, `${name}.json.tmp`), join(dir, `${name}.json`));
}

export function readTensors(dir: string, name: string): tf.NamedTensorMap {
  const specs = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as tf.io.WeightsManifestEntry[];
  const bytes = readFileSync(join(dir, `${name}.bin`));
  return tf.io.decodeWeights(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), specs);
}
