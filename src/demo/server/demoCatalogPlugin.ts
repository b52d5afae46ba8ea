import type { Plugin } from 'vite';
import { buildDemoBundle } from '../catalog/demoBundle.js';

/** Where the demo page finds its bundle; the page passes this URL to createReshelf. */
export const DEMO_BUNDLE_PATH = 'demo-catalog';

/**
 * Serves the generated catalog bundle in `vite` dev/preview and writes it into the build output, so the
 * demo needs no generated files in the repository and no separate build step.
 */
export function demoCatalogPlugin(): Plugin {
  let files: Promise<Map<string, Uint8Array>> | undefined;
  const bundle = () => (files ??= buildDemoBundle());
  return {
    name: 'reshelf-demo-catalog',
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const prefix = `/${DEMO_BUNDLE_PATH}/`;
        if (!req.url?.startsWith(prefix)) return next();
        const name = decodeURIComponent(req.url.slice(prefix.length).split('?')[0] ?? '');
        const bytes = (await bundle()).get(name);
        if (!bytes) return next();
        res.setHeader('Content-Type', name.endsWith('.json') ? 'application/json' : 'application/octet-stream');
        res.setHeader('Cache-Control', 'no-cache');
        res.end(Buffer.from(bytes));
      });
    },
    async generateBundle() {
      for (const [name, bytes] of await bundle()) {
        this.emitFile({ type: 'asset', fileName: `${DEMO_BUNDLE_PATH}/${name}`, source: bytes });
      }
    },
  };
}
