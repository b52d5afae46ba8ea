#!/usr/bin/env node
// Thin launcher: the CLI is TypeScript compiled to dist/node by `npm install` (the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/node/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('reshelf: the CLI is not compiled yet. Run `npm install` (or `npm run prepare`) in the package folder.');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
