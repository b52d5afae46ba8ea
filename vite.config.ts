import { defineConfig, type UserConfig } from 'vite';
import { playwright } from '@vitest/browser-playwright';
import { chromiumArgs, findChromium } from './e2e/tools/chromium.mjs';
import { demoCatalogPlugin } from './src/demo/server/demoCatalogPlugin.ts';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { bundlerWorkerReference, wasmAssetUrls } from './src/embed/build/libPlugins.ts';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};

/**
 * One configuration for every job:
 * - `vite` / `vite build --mode demo`: the demo shop (src/demo), with its generated catalog bundle;
 * - `vite build --mode lib`: the npm package (dist/lib: ESM, one file per module, the worker its own entry);
 * - `vite build --mode embed` and `--mode embed-worker`: the script-tag loader (dist/reshelf.js) and its
 *   worker (dist/reshelf/), see src/embed;
 * - `vitest`: a `node` project (`*.test.ts`) and a real-Chromium `browser` project (`*.browser.test.ts`).
 */
export default defineConfig(({ mode }) => {
  if (mode === 'test') {
    const executablePath = findChromium();
    return {
      test: {
        projects: [
          {
            extends: true,
            test: { name: 'node', environment: 'node', include: ['src/**/*.test.ts'], exclude: ['src/**/*.browser.test.ts'] },
          },
          {
            extends: true,
            test: {
              name: 'browser',
              include: ['src/**/*.browser.test.ts'],
              browser: {
                enabled: true,
                headless: true,
                provider: playwright({ launchOptions: { executablePath, args: chromiumArgs } }),
                instances: [{ browser: 'chromium' }],
              },
            },
          },
        ],
      },
    };
  }

  if (mode === 'lib') {
    // The npm package: unminified ESM, one file per source module (tree-shakable, readable source maps),
    // dependencies left as imports for the app's bundler. Declarations come from `tsc -p src/tsconfig.lib.json`.
    const external = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
    const config: UserConfig = {
      publicDir: false,
      plugins: [bundlerWorkerReference(), wasmAssetUrls()],
      build: {
        outDir: 'dist/lib',
        emptyOutDir: true,
        sourcemap: true,
        minify: false,
        target: 'es2022',
        lib: { entry: { index: 'src/index.ts', 'react/index': 'src/react/index.ts', 'worker/worker': 'src/worker/worker.ts' }, formats: ['es'] },
        rolldownOptions: {
          external: (id: string) => external.some((dep) => id === dep || id.startsWith(`${dep}/`)) && !id.endsWith('?url'),
          output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
        },
      },
    };
    return config;
  }

  if (mode === 'embed') {
    // dist/reshelf.js: the script-tag loader, one classic script (IIFE) that runs on the page's main thread.
    const config: UserConfig = {
      publicDir: false,
      resolve: {
        alias: [
          { find: /^\.\/defaultWorker\.js$/, replacement: fileURLToPath(new URL('./src/embed/noDefaultWorker.ts', import.meta.url)) },
          { find: /^comlink$/, replacement: fileURLToPath(new URL('./src/embed/comlinkClient.ts', import.meta.url)) },
          { find: /^idb$/, replacement: fileURLToPath(new URL('./src/embed/idbClient.ts', import.meta.url)) },
          // The applications' page glue loads lazily from dist/reshelf/applications.js (src/embed/lazyApplications.ts).
          { find: /^\.\.\/applications\/application(Methods|Widgets)\.js$/, replacement: fileURLToPath(new URL('./src/embed/lazyApplications.ts', import.meta.url)) },
        ],
      },
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        sourcemap: true,
        target: 'es2022',
        lib: { entry: 'src/embed/loader.ts', formats: ['iife'], name: 'reshelfLoader', fileName: () => 'reshelf.js' },
      },
    };
    return config;
  }

  if (mode === 'embed-worker') {
    // dist/reshelf/: the embed's worker and its lazily loaded chunks (tfjs backends), beside the loader.
    // Relative URLs throughout, so the folder can be served from any path or CDN.
    const config: UserConfig = {
      base: './',
      publicDir: false,
      build: {
        outDir: 'dist/reshelf',
        emptyOutDir: true,
        sourcemap: true,
        target: 'es2022',
        modulePreload: false,
        rolldownOptions: {
          // applications.js: the embed's lazily loaded page-side part (src/embed/applicationsPart.ts).
          input: { worker: 'src/worker/worker.ts', applications: 'src/embed/applicationsPart.ts' },
          // Keep applications.js's exports (an app build drops an entry's exports by default).
          preserveEntrySignatures: 'exports-only',
          output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', assetFileNames: 'assets/[name]-[hash][extname]' },
        },
      },
      worker: { format: 'es' },
    };
    return config;
  }

  // The demo shop (default for `vite`, `vite preview` and `vite build --mode demo`).
  return {
    root: 'src/demo',
    publicDir: '../../public',
    plugins: [demoCatalogPlugin()],
    build: {
      outDir: '../../dist/demo',
      emptyOutDir: true,
      sourcemap: true,
      target: 'es2022',
      // The reliability fixture pages (public/fixtures/*.html) load the library as /fixtures/harness.js.
      rolldownOptions: {
        input: { index: 'src/demo/index.html', harness: 'e2e/reliability/harness/harness.ts' },
        output: { entryFileNames: (chunk) => (chunk.name === 'harness' ? 'fixtures/harness.js' : 'assets/[name]-[hash].js') },
      },
    },
    worker: { format: 'es' },
    server: { port: 5173, strictPort: false },
    preview: { port: 4173 },
  };
});
