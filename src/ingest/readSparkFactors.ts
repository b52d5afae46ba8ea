import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { VectorTable } from '../catalog/catalogModel.js';
import { IngestError, type InvalidRows } from './ingestError.js';
import { readRecords } from './readRecords.js';

/**
 * How Spark's integer ids map to the bundle's items: `item-id` compares String(id) with the shop's item ids
 * (shops whose ids are integers, or who indexed them with their own table); `index` takes id as the item's
 * position in the bundle's item order (0-based).
 */
export type SparkIdMapping = 'item-id' | 'index';

export interface SparkFactors {
  table: Extract<VectorTable, { dtype: 'float32' }>;
  /** Items that received a vector. Items without one keep a zero vector (no CF score, content cold start applies). */
  matched: number;
  /** Rows whose id is not an item of the bundle (ignored). */
  unmatched: number;
  files: string[];
}

/** `part-00000-<uuid>-c000.json` and friends; Spark also writes `_SUCCESS` and `.crc` checksums, which are not data. */
const PART_FILE = /^part-.*\.json(\.gz)?$/;

/**
 * Reads item factors exactly as Spark MLlib writes them with `alsModel.itemFactors.write.json(path)`: a directory
 * of `part-*.json` files, each line `{"id": <int>, "features": [<float>, ...]}`. Every row must have the same
 * number of finite features; ids must be integers and unique. A bad row stops with file and line (or is counted
 * when `invalid` is given).
 */
export async function readSparkFactors(directory: string, itemIds: readonly string[], mapping: SparkIdMapping, invalid?: InvalidRows): Promise<SparkFactors> {
  let names: string[];
  try {
    if (!statSync(directory).isDirectory()) throw new Error('not a directory');
    names = readdirSync(directory).filter((name) => PART_FILE.test(name)).sort();
  } catch (error) {
    throw new IngestError(directory, 0, `cannot read the Spark output directory (${(error as Error).message})`);
  }
  if (names.length === 0) throw new IngestError(directory, 0, 'no part-*.json files; expected the directory written by itemFactors.write.json(path)');
  const indexOf = new Map<string, number>(itemIds.map((id, i) => [id, i]));
  let dim = -1;
  let values = new Float32Array(0);
  const seenIds = new Set<number>();
  let matched = 0;
  let unmatched = 0;
  for (const name of names) {
    const path = join(directory, name);
    for await (const record of readRecords(path, 'jsonl', [], invalid && ((e) => invalid.add(e)))) {
      const problem = (message: string): void => {
        const error = new IngestError(path, record.line, message);
        if (!invalid) throw error;
        invalid.add(error);
      };
      const { id, features } = record.fields;
      if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
        problem(`"id" must be an integer, got ${JSON.stringify(id)}`);
        continue;
      }
      if (!Array.isArray(features) || features.length === 0 || !features.every((f) => typeof f === 'number' && Number.isFinite(f))) {
        problem(`"features" must be a non-empty array of finite numbers (id ${id})`);
        continue;
      }
      if (dim === -1) {
        dim = features.length;
        values = new Float32Array(itemIds.length * dim);
      } else if (features.length !== dim) {
        problem(`id ${id} has ${features.length} features, earlier rows have ${dim}`);
        continue;
      }
      if (seenIds.has(id)) {
        problem(`id ${id} appears twice`);
        continue;
      }
      seenIds.add(id);
      const item = mapping === 'index' ? (id >= 0 && id < itemIds.length ? id : undefined) : indexOf.get(String(id));
      if (item === undefined) {
        unmatched++;
        continue;
      }
      values.set(features as number[], item * dim);
      matched++;
    }
  }
  if (dim === -1) throw new IngestError(directory, 0, 'the part files hold no factor rows');
  return { table: { dtype: 'float32', count: itemIds.length, dim, values }, matched, unmatched, files: names };
}
