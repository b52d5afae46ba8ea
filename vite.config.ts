import { defineConfig } from 'vite';
import { playwright } from '@vitest/browser-playwright';
import { chromiumArgs, findChromium } from './e2e/tools/chromium.mjs';
import { demoCatalogPlugin } from './src/demo/server/demoCatalogPlugin.ts';

/**
 * One configuration for every job:
 * - `vite` / `vite build --mode demo`: the demo shop (src/demo), with its generated catalog bundle;
 * - `vite build --mode lib`: the npm package (ESM, worker emitted as its own file);
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
    return {
      build: {
        outDir: 'dist/lib',
        emptyOutDir: true,
        sourcemap: true,
        lib: { entry: { index: 'src/index.ts' }, formats: ['es'] },
      },
      worker: { format: 'es' },
    };
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
