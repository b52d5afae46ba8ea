import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DatasetError, type Dataset } from './dataset.js';
import { parseS3Rec } from './s3rec.js';
import { parseUniSRec } from './unisrec.js';

/**
 * Node-only: reads a dataset directory in one of the known layouts. The parsers themselves are pure
 * (strings in, Dataset out) so a browser or a test can call them without a file system.
 * Another format (the shop `events` CSV of `reshelf build`) plugs in as one more case here.
 */
export type DatasetFormat = 's3rec' | 'unisrec';

export const DATASET_FORMATS: readonly DatasetFormat[] = ['s3rec', 'unisrec'];

export function loadDataset(dir: string, format: string): Dataset {
  if (!existsSync(dir)) throw new DatasetError('DATASET_MISSING_FILE', `Dataset directory "${dir}" does not exist.`);
  const files = readdirSync(dir);
  if (format === 's3rec') {
    const sequences = files.find((f) => f.endsWith('.txt') && !f.includes('_sample'));
    if (!sequences) throw new DatasetError('DATASET_MISSING_FILE', `${dir}: no "<name>.txt" sequence file (s3rec layout).`);
    const name = basename(sequences, '.txt');
    const attributesFile = files.find((f) => f === `${name}_item2attributes.json`);
    const attributes = attributesFile ? readFileSync(join(dir, attributesFile), 'utf8') : undefined;
    return parseS3Rec(name, readFileSync(join(dir, sequences), 'utf8'), attributes);
  }
  if (format === 'unisrec') {
    const indexFile = files.find((f) => f.endsWith('.item2index'));
    if (!indexFile) throw new DatasetError('DATASET_MISSING_FILE', `${dir}: no "<name>.item2index" file (unisrec layout).`);
    const name = basename(indexFile, '.item2index');
    const read = (suffix: string, required: boolean): string | undefined => {
      const path = join(dir, `${name}${suffix}`);
      if (!existsSync(path)) {
        if (required) throw new DatasetError('DATASET_MISSING_FILE', `${dir}: "${name}${suffix}" is missing (unisrec layout).`);
        return undefined;
      }
      return readFileSync(path, 'utf8');
    };
    const text = read('.text', false);
    return parseUniSRec(name, {
      item2index: read('.item2index', true)!,
      ...(text !== undefined ? { text } : {}),
      train: read('.train.inter', true)!,
      valid: read('.valid.inter', true)!,
      test: read('.test.inter', true)!,
    });
  }
  throw new DatasetError('DATASET_UNKNOWN_FORMAT', `Unknown dataset format "${format}"; use one of: ${DATASET_FORMATS.join(', ')}.`);
}
