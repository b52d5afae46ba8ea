import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { IngestError } from './ingestError.js';

/** CSV with a header row, or JSON lines (one object per line). */
export type RecordFormat = 'csv' | 'jsonl';

/** One input row as column name -> value, with the line it started on (1-based) for error messages. */
export interface InputRecord {
  line: number;
  fields: Record<string, unknown>;
}

/** `csv` for .csv/.tsv (optionally .gz), `jsonl` for .jsonl/.ndjson/.json; anything else needs an explicit format. */
export function detectRecordFormat(path: string): RecordFormat | undefined {
  const name = path.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.csv') || name.endsWith('.tsv')) return 'csv';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson') || name.endsWith('.json')) return 'jsonl';
  return undefined;
}

function openText(path: string): Readable {
  const stream = createReadStream(path);
  return path.toLowerCase().endsWith('.gz') ? stream.pipe(createGunzip()) : stream;
}

/**
 * Streams the rows of a CSV or JSON-lines file, so exports larger than memory allows as one string still read.
 * A syntax error (unclosed quote, wrong number of fields, a line that is not a JSON object) throws an
 * IngestError with file and line, or, when `onInvalid` is given, is passed to it and the row skipped.
 * `requiredColumns` must all exist in a CSV header; a missing one is a whole-file error that is never skipped.
 */
export async function* readRecords(
  path: string,
  format: RecordFormat,
  requiredColumns: readonly string[],
  onInvalid?: (error: IngestError) => void,
): AsyncGenerator<InputRecord> {
  if (format === 'csv') yield* readCsv(path, requiredColumns, onInvalid);
  else yield* readJsonLines(path, onInvalid);
}

async function* readCsv(path: string, requiredColumns: readonly string[], onInvalid?: (error: IngestError) => void): AsyncGenerator<InputRecord> {
  const tab = path.toLowerCase().replace(/\.gz$/, '').endsWith('.tsv');
  let line = 1;
  const parser = parse({
    bom: true,
    columns: (header: string[]) => {
      const names = header.map((h) => h.trim());
      const missing = requiredColumns.filter((c) => !names.includes(c));
      if (missing.length > 0) throw new IngestError(path, 1, `missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} (header: ${names.join(', ')})`);
      return names;
    },
    delimiter: tab ? '\t' : ',',
    skip_empty_lines: true,
    info: true,
    skip_records_with_error: onInvalid !== undefined,
    on_skip: (error: CsvError | undefined) => {
      if (error) onInvalid?.(new IngestError(path, Number(error.lines ?? 0), describeCsvError(error)));
      return undefined;
    },
  });
  const source = openText(path);
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  try {
    for await (const row of parser as AsyncIterable<{ record: Record<string, unknown>; info: { lines: number; raw?: string } }>) {
      // info.lines is the line the record ended on; a record spanning several lines (quoted newlines) is rare.
      line = row.info.lines;
      yield { line, fields: row.record };
    }
  } catch (error) {
    if (error instanceof IngestError) throw error;
    const csv = error as CsvError & { lines?: number };
    if (typeof csv.code === 'string' && csv.code.startsWith('CSV_')) throw new IngestError(path, Number(csv.lines ?? line), describeCsvError(csv));
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new IngestError(path, 0, 'file not found');
    throw new IngestError(path, 0, (error as Error).message);
  }
}

function describeCsvError(error: CsvError): string {
  // csv-parse messages end with their own "at line N" note; the file:line prefix already says where.
  return `malformed CSV: ${error.message.replace(/^Invalid Record Length: |:? ?at line \d+\.?$/g, '').replace(/\s+$/, '')}`;
}

async function* readJsonLines(path: string, onInvalid?: (error: IngestError) => void): AsyncGenerator<InputRecord> {
  const source = openText(path);
  const lines = createInterface({ input: source, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      const trimmed = line === 1 ? text.replace(/^\uFEFF/, '').trim() : text.trim();
      if (trimmed === '') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(trimmed);
      } catch (error) {
        const problem = new IngestError(path, line, `not valid JSON (${(error as Error).message})`);
        if (!onInvalid) throw problem;
        onInvalid(problem);
        continue;
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        const problem = new IngestError(path, line, 'each line must be a JSON object');
        if (!onInvalid) throw problem;
        onInvalid(problem);
        continue;
      }
      yield { line, fields: parsed as Record<string, unknown> };
    }
  } catch (error) {
    if (error instanceof IngestError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new IngestError(path, 0, 'file not found');
    throw new IngestError(path, line, (error as Error).message);
  }
}
