import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { buildDemoBundle } from '../catalog/demoBundle.js';
import { generateShopCatalog } from '../catalog/generateShopCatalog.js';
import type { BundleManifest } from '../../catalog/bundleManifest.js';
import { feedFromBundle, feedFromGeneratedShop } from './shopFeedSource.js';

/** Where the demo page finds its bundle; the page passes this URL to createReshelf. */
export const DEMO_BUNDLE_PATH = 'demo-catalog';
/** Where the demo page finds the shop's product feed (what the shop's server would render). */
export const DEMO_FEED_PATH = 'demo-shop';
/**
 * Set by `npm run demo -- --bundle <dir>` (src/demo/server/runDemo.mjs) to serve a bundle written by
 * `reshelf build` instead of the generated one. Also works directly: `RESHELF_DEMO_BUNDLE=<dir> npx vite`.
 */
export const BUNDLE_DIR_ENV = 'RESHELF_DEMO_BUNDLE';

interface DemoFiles {
  bundle: Map<string, Uint8Array>;
  feed: Map<string, Uint8Array>;
}

/** Reads a bundle directory: manifest.json and exactly the files it lists (nothing else is served). */
function readBundleDirectory(directory: string): Map<string, Uint8Array> {
  const manifestPath = join(directory, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`${BUNDLE_DIR_ENV}=${directory}: no manifest.json there (build one with \`npx reshelf build ... --out ${directory}\`)`);
  const manifestBytes = new Uint8Array(readFileSync(manifestPath));
  const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as BundleManifest;
  const files = new Map<string, Uint8Array>([['manifest.json', manifestBytes]]);
  for (const entry of manifest.files) files.set(entry.name, new Uint8Array(readFileSync(join(directory, entry.name))));
  return files;
}

async function demoFiles(): Promise<DemoFiles> {
  const directory = process.env[BUNDLE_DIR_ENV];
  const encoder = new TextEncoder();
  if (directory) {
    const absolute = resolve(directory);
    const bundle = readBundleDirectory(absolute);
    return { bundle, feed: new Map([['feed.json', encoder.encode(JSON.stringify(feedFromBundle(bundle, directory)))]]) };
  }
  const shop = generateShopCatalog();
  return { bundle: await buildDemoBundle(shop), feed: new Map([['feed.json', encoder.encode(JSON.stringify(feedFromGeneratedShop(shop)))]]) };
}

/**
 * Serves the catalog bundle and the shop's product feed in `vite` dev and writes both into the build output
 * (which `vite preview` serves), so the demo needs no generated files in the repository and no extra step.
 */
export function demoCatalogPlugin(): Plugin {
  let files: Promise<DemoFiles> | undefined;
  const load = () => (files ??= demoFiles());
  const mounts = (all: DemoFiles) => [
    [DEMO_BUNDLE_PATH, all.bundle],
    [DEMO_FEED_PATH, all.feed],
  ] as const;
  return {
    name: 'reshelf-demo-catalog',
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const path = req.url?.split('?')[0] ?? '';
        for (const [prefix, map] of mounts(await load())) {
          if (!path.startsWith(`/${prefix}/`)) continue;
          const bytes = map.get(decodeURIComponent(path.slice(prefix.length + 2)));
          if (!bytes) return next();
          res.setHeader('Content-Type', path.endsWith('.json') ? 'application/json' : 'application/octet-stream');
          res.setHeader('Cache-Control', 'no-cache');
          res.end(Buffer.from(bytes));
          return;
        }
        next();
      });
    },
    async generateBundle() {
      for (const [prefix, map] of mounts(await load())) {
        for (const [name, bytes] of map) this.emitFile({ type: 'asset', fileName: `${prefix}/${name}`, source: bytes });
      }
    },
  };
}
