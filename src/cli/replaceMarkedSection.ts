import { readFileSync, writeFileSync } from 'node:fs';
import { CliError } from './command.js';

/** Markers that delimit a generated part of a document, e.g. a README table written by a command. */
export function sectionMarkers(name: string): { start: string; end: string } {
  return { start: `<!-- reshelf-${name}:start -->`, end: `<!-- reshelf-${name}:end -->` };
}

/**
 * Replaces the text between a section's markers in `file` with `content`, so figures in docs always come from
 * a command's output. Fails (and writes nothing) when the markers are missing or out of order.
 */
export function replaceMarkedSection(file: string, name: string, content: string): void {
  const { start, end } = sectionMarkers(name);
  const text = readFileSync(file, 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new CliError(`${file} has no "${start}" ... "${end}" markers to write between.`);
  writeFileSync(file, `${text.slice(0, from + start.length)}\n${content.trim()}\n${text.slice(to)}`);
}
