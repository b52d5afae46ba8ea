// The consumer app's own build: nothing reshelf-specific. The worker must come out of `vite build` only
// because the package references it with `new Worker(new URL(..., import.meta.url))`.
import { defineConfig } from 'vite';

export default defineConfig({
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  worker: { format: 'es' },
  logLevel: 'warn',
});
