import { BundleError } from './bundleError.js';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type BundleManifest } from './bundleManifest.js';

const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** Generous ceiling: a manifest is a table of contents, not data. Bigger means hostile or broken. */
export const MAX_MANIFEST_BYTES = 1 << 20;
/** Largest vector dimension a bundle may declare; far above any useful table, far below an allocation bomb. */
export const MAX_VECTOR_DIM = 4096;
/** Largest catalog a bundle may declare (also bounds every allocation the decoder makes from the manifest). */
export const MAX_ITEMS = 10_000_000;

function fail(message: string): never {
  throw new BundleError('BUNDLE_MANIFEST_INVALID', message);
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function count(section: string, value: Json, field: string, max: number, min = 0): void {
  const v = value[field];
  if (!Number.isSafeInteger(v) || (v as number) < min || (v as number) > max) fail(`"sections.${section}.${field}" must be an integer from ${min} to ${max}`);
}

function finite(section: string, value: Json, field: string, optional = false): void {
  const v = value[field];
  if (optional && v === undefined) return;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(`"sections.${section}.${field}" must be a finite number >= 0`);
}

function vectorEntry(section: string, value: unknown, items: number | undefined): void {
  if (!isObject(value)) fail(`"sections.${section}" must be an object`);
  if (value.dtype !== 'int8' && value.dtype !== 'float32') fail(`"sections.${section}.dtype" must be "int8" or "float32"`);
  count(section, value, 'rows', MAX_ITEMS);
  count(section, value, 'dim', MAX_VECTOR_DIM, 1);
  if (items !== undefined && value.rows !== items) {
    throw new BundleError('BUNDLE_SHAPE_MISMATCH', `section ${section} has ${String(value.rows)} rows for ${items} items`);
  }
}

function neighbourEntry(section: string, value: unknown, items: number): void {
  if (!isObject(value)) fail(`"sections.${section}" must be an object`);
  count(section, value, 'rows', MAX_ITEMS);
  count(section, value, 'k', 100_000, 1);
  count(section, value, 'entries', Number.MAX_SAFE_INTEGER);
  if (value.rows !== items) throw new BundleError('BUNDLE_SHAPE_MISMATCH', `section ${section} has ${String(value.rows)} rows for ${items} items`);
}

function modelEntry(section: string, model: unknown, items: number): void {
  if (!isObject(model)) fail(`"sections.${section}" must be an object`);
  if (typeof model.kind !== 'string') fail(`"sections.${section}.kind" must be a string`);
  count(section, model, 'maxLen', MAX_VECTOR_DIM, 1);
  if (!isObject(model.json) || !isObject(model.weights)) fail(`"sections.${section}" needs "json" and "weights" files`);
  vectorEntry(`${section}.items`, model.items, items);
  if ((model.items as Json).dtype !== 'int8') fail(`"sections.${section}.items.dtype" must be "int8"`);
}

/** Every `{ file }` reference in the sections, with a dotted path for messages. */
function fileReferences(sections: Json, prefix = 'sections'): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [name, value] of Object.entries(sections)) {
    // Arrays (sections.modelMembers) are walked like objects keyed by index: a file an entry names must be listed too.
    const node: unknown = Array.isArray(value) ? { ...value } : value;
    if (!isObject(node)) continue;
    if ('file' in node) out.push([`${prefix}.${name}`, node.file]);
    else out.push(...fileReferences(node, `${prefix}.${name}`));
  }
  return out;
}

/**
 * Checks the manifest's structure before anything it names is fetched: format and version, the file table
 * (plain names, sizes, hashes), and every known section's declared shape. Unknown sections are ignored (a
 * newer builder may add some), but any file they reference must still be listed.
 */
export function validateManifest(value: unknown): BundleManifest {
  if (!isObject(value)) fail('manifest is not a JSON object');
  const m = value;
  if (m.format !== BUNDLE_FORMAT) fail(`"format" must be "${BUNDLE_FORMAT}"`);
  if (m.version !== BUNDLE_VERSION) {
    throw new BundleError('BUNDLE_UNSUPPORTED_VERSION', `bundle version ${String(m.version)}; this reshelf reads version ${BUNDLE_VERSION}`);
  }
  if (!Number.isSafeInteger(m.items) || (m.items as number) < 0 || (m.items as number) > MAX_ITEMS) fail(`"items" must be an integer from 0 to ${MAX_ITEMS}`);
  const items = m.items as number;
  if (!Array.isArray(m.files)) fail('"files" must be an array');
  const names = new Set<string>();
  for (const f of m.files as unknown[]) {
    const file = (isObject(f) ? f : {}) as Json;
    if (typeof file.name !== 'string' || !FILE_NAME.test(file.name) || file.name === 'manifest.json') fail(`file name ${JSON.stringify(file.name)} is not a plain file name`);
    if (names.has(file.name)) fail(`file ${file.name} is listed twice`);
    names.add(file.name);
    if (!Number.isSafeInteger(file.bytes) || (file.bytes as number) < 0) fail(`file ${file.name}: "bytes" must be a non-negative integer`);
    if (typeof file.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(file.sha256)) fail(`file ${file.name}: "sha256" must be 64 lower-case hex digits`);
  }
  const sections = m.sections;
  if (!isObject(sections)) fail('"sections" must be an object');
  if (!isObject(sections.items) || typeof sections.items.file !== 'string') fail('"sections.items.file" is required');
  for (const [path, file] of fileReferences(sections)) {
    if (typeof file !== 'string') fail(`"${path}.file" must be a string`);
    if (!names.has(file)) throw new BundleError('BUNDLE_FILE_MISSING', `${path} refers to ${file}, which "files" does not list`);
  }

  if (sections.content !== undefined) vectorEntry('content', sections.content, items);
  if (sections.cf !== undefined) {
    vectorEntry('cf', sections.cf, items);
    finite('cf', sections.cf as Json, 'regularization');
    finite('cf', sections.cf as Json, 'confidence', true);
  }
  if (sections.prototypes !== undefined) {
    vectorEntry('prototypes', sections.prototypes, undefined);
    count('prototypes', sections.prototypes as Json, 'minUsers', Number.MAX_SAFE_INTEGER, 1);
    const cf = sections.cf as Json | undefined;
    if (cf && cf.dim !== (sections.prototypes as Json).dim) {
      throw new BundleError('BUNDLE_SHAPE_MISMATCH', `prototypes have dimension ${String((sections.prototypes as Json).dim)}, cf vectors ${String(cf.dim)}`);
    }
  }
  if (sections.neighbours !== undefined) {
    if (!isObject(sections.neighbours)) fail('"sections.neighbours" must be an object');
    for (const kind of ['cosine', 'pearson', 'learned', 'content'] as const) {
      if (sections.neighbours[kind] !== undefined) neighbourEntry(`neighbours.${kind}`, sections.neighbours[kind], items);
    }
  }
  if (sections.transitions !== undefined) neighbourEntry('transitions', sections.transitions, items);
  if (sections.model !== undefined) modelEntry('model', sections.model, items);
  if (sections.modelMembers !== undefined) {
    if (sections.model === undefined) fail('"sections.modelMembers" needs "sections.model" (the first member)');
    if (!Array.isArray(sections.modelMembers) || sections.modelMembers.length === 0) fail('"sections.modelMembers" must be a non-empty array');
    sections.modelMembers.forEach((member: unknown, i) => modelEntry(`modelMembers.${i}`, member, items));
  }
  if (sections.popularity !== undefined) {
    const p = sections.popularity;
    if (!isObject(p)) fail('"sections.popularity" must be an object');
    count('popularity', p, 'rows', MAX_ITEMS);
    finite('popularity', p, 'halfLifeDays');
    if (p.decayedTo !== null && (typeof p.decayedTo !== 'number' || !Number.isFinite(p.decayedTo))) fail('"sections.popularity.decayedTo" must be a time in ms or null');
  }
  return value as unknown as BundleManifest;
}
