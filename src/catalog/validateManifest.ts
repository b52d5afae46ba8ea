import { BundleError } from './bundleError.js';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type BundleManifest } from './bundleManifest.js';

const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** Generous ceiling: a manifest is a table of contents, not data. Bigger means hostile or broken. */
export const MAX_MANIFEST_BYTES = 1 << 20;

function fail(message: string): never {
  throw new BundleError('BUNDLE_MANIFEST_INVALID', message);
}

/** Checks the manifest's structure before anything it names is fetched. */
export function validateManifest(value: unknown): BundleManifest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('manifest is not a JSON object');
  const m = value as Record<string, unknown>;
  if (m.format !== BUNDLE_FORMAT) fail(`"format" must be "${BUNDLE_FORMAT}"`);
  if (m.version !== BUNDLE_VERSION) {
    throw new BundleError('BUNDLE_UNSUPPORTED_VERSION', `bundle version ${String(m.version)}; this reshelf reads version ${BUNDLE_VERSION}`);
  }
  if (!Number.isSafeInteger(m.items) || (m.items as number) < 0) fail('"items" must be a non-negative integer');
  if (!Array.isArray(m.files)) fail('"files" must be an array');
  const names = new Set<string>();
  for (const f of m.files as unknown[]) {
    const file = f as Record<string, unknown>;
    if (typeof file?.name !== 'string' || !FILE_NAME.test(file.name)) fail(`file name ${JSON.stringify(file?.name)} is not a plain file name`);
    if (names.has(file.name)) fail(`file ${file.name} is listed twice`);
    names.add(file.name);
    if (!Number.isSafeInteger(file.bytes) || (file.bytes as number) < 0) fail(`file ${file.name}: "bytes" must be a non-negative integer`);
    if (typeof file.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(file.sha256)) fail(`file ${file.name}: "sha256" must be 64 lower-case hex digits`);
  }
  const sections = m.sections as Record<string, { file?: unknown }> | undefined;
  if (typeof sections !== 'object' || sections === null) fail('"sections" must be an object');
  if (typeof sections.items?.file !== 'string') fail('"sections.items.file" is required');
  for (const [name, section] of Object.entries(sections)) {
    if (typeof section?.file === 'string' && !names.has(section.file)) {
      throw new BundleError('BUNDLE_FILE_MISSING', `section ${name} refers to ${section.file}, which "files" does not list`);
    }
  }
  return value as BundleManifest;
}
