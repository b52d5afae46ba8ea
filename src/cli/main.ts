import { readFileSync } from 'node:fs';
import { CliError, commandHelp, parseCommandArgs } from './command.js';
import { commands } from './commands.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4) + 2;
  return [
    'Usage: reshelf <command> [options]',
    '',
    'Server-side and offline tools of reshelf, on-device shop personalisation.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Run `reshelf <command> --help` for the options of one command.',
    '  -h, --help     Show this help.',
    '  -v, --version  Print the version.',
  ].join('\n');
}

/** Runs the CLI and returns its exit code; never calls process.exit so it can be tested in-process. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(overview());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    console.log(version());
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`reshelf: unknown command "${name}".\n\n${overview()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(commandHelp(command));
    return 0;
  }
  try {
    return await command.run(parseCommandArgs(command, rest));
  } catch (error) {
    if (error instanceof CliError) {
      console.error(`reshelf ${command.name}: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  }
}
