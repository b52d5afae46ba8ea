/**
 * Vite plugins for `vite build --mode lib` (the npm package). They exist because an app's bundler, not ours,
 * must see two kinds of reference in dist/lib, written exactly as bundlers recognise them:
 * - the worker: `new Worker(new URL('../worker/worker.js', import.meta.url))`, so vite and webpack 5 emit it;
 * - asset files (tfjs's .wasm binaries): `new URL('./x.wasm', import.meta.url)`, instead of vite library
 *   mode's default of inlining them as base64 strings.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, isAbsolute, join, posix } from 'node:path';
import type { Plugin } from 'vite';

const WORKER_SOURCE = `'../worker/worker.ts'`;
/** Same length as the source and the output literal, so source maps stay exact. */
const WORKER_MARKER = '__RESHELF_WORKER_URL';
const WORKER_OUTPUT = `'../worker/worker.js'`;

/** Hides src/api/defaultWorker.ts's worker URL from vite's own worker bundling, then writes it back for the app's bundler. */
export function bundlerWorkerReference(): Plugin {
  return {
    name: 'reshelf-bundler-worker-reference',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('/src/api/defaultWorker.ts')) return null;
      if (!code.includes(WORKER_SOURCE)) this.error(`defaultWorker.ts no longer contains ${WORKER_SOURCE}; update src/embed/build/libPlugins.ts`);
      return { code: code.replace(WORKER_SOURCE, WORKER_MARKER), map: null };
    },
    renderChunk(code) {
      return code.includes(WORKER_MARKER) ? { code: code.replaceAll(WORKER_MARKER, WORKER_OUTPUT), map: null } : null;
    },
  };
}

const WASM_PREFIX = '\0reshelf-wasm-url:';

/** `import url from 'x.wasm?url'` becomes an emitted assets/x.wasm and `new URL('<relative>', import.meta.url).href`. */
export function wasmAssetUrls(): Plugin {
  const names: string[] = [];
  /** File name -> absolute path; the module id carries only the name, so no machine path reaches dist/lib. */
  const files = new Map<string, string>();
  return {
    name: 'reshelf-wasm-asset-urls',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith('.wasm?url')) return null;
      const bare = source.slice(0, -'?url'.length);
      const resolved = await this.resolve(bare, importer, { skipSelf: true });
      // A dependency's file comes back as an external bare specifier in this build (dependencies stay imports):
      // read it from where Node resolves it instead.
      const file = resolved && !resolved.external && isAbsolute(resolved.id) ? resolved.id : createRequire(importer ?? join(process.cwd(), 'x')).resolve(bare);
      files.set(basename(file), file);
      return `${WASM_PREFIX}${basename(file)}`;
    },
    load(id) {
      if (!id.startsWith(WASM_PREFIX)) return null;
      const name = id.slice(WASM_PREFIX.length);
      this.emitFile({ type: 'asset', fileName: `assets/${name}`, source: readFileSync(files.get(name) as string) });
      names.push(name);
      return `export default new URL(__RESHELF_ASSET_${names.length - 1}__, import.meta.url).href;\n`;
    },
    renderChunk(code, chunk) {
      if (!code.includes('__RESHELF_ASSET_')) return null;
      const replaced = code.replace(/__RESHELF_ASSET_(\d+)__/g, (_, index: string) => {
        const relative = posix.relative(posix.dirname(chunk.fileName), `assets/${names[Number(index)]}`);
        return JSON.stringify(relative.startsWith('.') ? relative : `./${relative}`);
      });
      return { code: replaced, map: null };
    },
  };
}
