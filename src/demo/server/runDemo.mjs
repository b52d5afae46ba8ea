#!/usr/bin/env node
// `npm run demo [-- --bundle <dir>] [-- <vite preview options>]`: builds the demo shop and serves the build.
// `--bundle <dir>` serves a bundle written by `reshelf build --out <dir>` instead of the generated demo catalog.
// vite's CLI rejects unknown options, so this wrapper takes `--bundle` off the command line and hands it to the
// demo's vite plugin through the RESHELF_DEMO_BUNDLE environment variable (see demoCatalogPlugin.ts).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const args = process.argv.slice(2);
const rest = [];
let bundle;
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--bundle') bundle = args[++i];
  else if (arg.startsWith('--bundle=')) bundle = arg.slice('--bundle='.length);
  else rest.push(arg);
}

const env = { ...process.env };
if (bundle !== undefined) {
  const directory = resolve(bundle ?? '');
  if (!bundle || !existsSync(join(directory, 'manifest.json'))) {
    console.error(`npm run demo: --bundle needs a directory containing manifest.json (from \`npx reshelf build ... --out <dir>\`); got ${JSON.stringify(bundle ?? '')}`);
    process.exit(2);
  }
  env.RESHELF_DEMO_BUNDLE = directory;
  console.log(`reshelf demo: serving the bundle in ${directory}`);
}

const require = createRequire(import.meta.url);
const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
const build = spawnSync(process.execPath, [vite, 'build', '--mode', 'demo'], { stdio: 'inherit', env });
if (build.status !== 0) process.exit(build.status ?? 1);
const preview = spawn(process.execPath, [vite, 'preview', '--mode', 'demo', ...rest], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => preview.kill(signal));
preview.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
