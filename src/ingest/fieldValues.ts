/**
 * Field conversions shared by the item and event readers. Each returns `undefined` for an absent or empty
 * value (a missing field, which a cleaning rule counts) and throws a plain Error with the reason for a value
 * that is present but unreadable (a malformed row, which stops the build unless `--skip-invalid`).
 */

export function textField(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`expected text, got ${JSON.stringify(value).slice(0, 60)}`);
}

export function numberField(value: unknown, name: string): number | undefined {
  const text = typeof value === 'number' ? value : textField(value);
  if (text === undefined) return undefined;
  const number = typeof text === 'number' ? text : Number(text);
  if (!Number.isFinite(number)) throw new Error(`${name} ${JSON.stringify(value)} is not a number`);
  return number;
}

/** How numeric timestamps are read: `auto` takes values below 1e11 as seconds (1e11 s is the year 5138). */
export type TimeUnit = 'auto' | 's' | 'ms';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Milliseconds since the epoch from epoch seconds/milliseconds or an ISO 8601 date-time (UTC unless it says). */
export function timestampField(value: unknown, unit: TimeUnit): number | undefined {
  const raw = typeof value === 'number' ? value : textField(value);
  if (raw === undefined) return undefined;
  const numeric = typeof raw === 'number' ? raw : /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : undefined;
  if (numeric !== undefined) {
    if (!Number.isFinite(numeric)) throw new Error(`timestamp ${JSON.stringify(value)} is not a number`);
    const seconds = unit === 's' || (unit === 'auto' && Math.abs(numeric) < 1e11);
    return seconds ? numeric * 1000 : numeric;
  }
  const text = raw as string;
  if (!ISO_DATE.test(text)) throw new Error(`timestamp ${JSON.stringify(text)} is neither epoch seconds/milliseconds nor ISO 8601`);
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text) && text.length > 10;
  const time = Date.parse(hasZone ? text.replace(' ', 'T') : `${text.replace(' ', 'T')}${text.length > 10 ? 'Z' : ''}`);
  if (!Number.isFinite(time)) throw new Error(`timestamp ${JSON.stringify(text)} is not a valid date`);
  return time;
}
