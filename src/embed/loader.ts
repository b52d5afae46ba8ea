/**
 * The script-tag loader (built to dist/reshelf.js, an IIFE for `<script async src=".../reshelf.js">`).
 * It only reads its configuration, replaces the `window.reshelf` command queue with the API and runs the
 * queued commands; the worker (and, inside it, the catalog, IndexedDB and tfjs) loads after that, lazily.
 */
import { createEmbed } from './embed.js';
import { readScriptConfig } from './scriptConfig.js';

// `document.currentScript` is only set while this file's top level runs, so it is read first.
const script = typeof document === 'undefined' ? null : document.currentScript;

try {
  const global = window as unknown as { reshelf?: unknown };
  // A second copy of the tag finds the API already installed and leaves it alone.
  if (global.reshelf === undefined || Array.isArray(global.reshelf)) {
    const queue = (global.reshelf as unknown[] | undefined) ?? [];
    const embed = createEmbed(readScriptConfig(script, location.href));
    global.reshelf = embed.api;
    embed.boot(queue);
  }
} catch (error) {
  console.warn(`reshelf: keeping the page's original order (INTERNAL): ${(error as Error)?.message ?? String(error)}`);
}
