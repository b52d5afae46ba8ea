import { parseArgs } from 'node:util';

/** One option of a CLI command; the help text is generated from these, so every option is documented. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  short?: string;
  default?: string | boolean;
  /** Placeholder shown in help, e.g. `<dir>`. */
  value?: string;
}

/** A `reshelf <name>` subcommand. Each lives in its own file under src/cli/commands/. */
export interface Command {
  name: string;
  summary: string;
  /** Positional arguments as shown in the usage line, e.g. `<input>`. */
  positionals?: string;
  options: Record<string, OptionSpec>;
  /** Returns the process exit code. */
  run(args: ParsedArgs): Promise<number>;
}

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

/** A user error: printed without a stack trace, exit code 2 (bad usage) or 1 (bad input). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function parseCommandArgs(command: Command, argv: string[]): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, spec] of Object.entries(command.options)) {
    options[name] = spec.short ? { type: spec.type, short: spec.short } : { type: spec.type };
  }
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    const withDefaults: Record<string, string | boolean | undefined> = {};
    for (const [name, spec] of Object.entries(command.options)) {
      withDefaults[name] = (values as Record<string, string | boolean | undefined>)[name] ?? spec.default;
    }
    return { values: withDefaults, positionals };
  } catch (error) {
    throw new CliError(`${(error as Error).message}\nRun \`reshelf ${command.name} --help\` for the options.`, 2);
  }
}

export function commandHelp(command: Command): string {
  const lines = [`Usage: reshelf ${command.name}${command.positionals ? ` ${command.positionals}` : ''} [options]`, '', command.summary, '', 'Options:'];
  const entries = Object.entries(command.options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.type === 'string' ? ` ${spec.value ?? '<value>'}` : ''}`;
    const def = spec.default !== undefined && spec.default !== false ? ` (default: ${String(spec.default)})` : '';
    return [flag, `${spec.description}${def}`] as const;
  });
  entries.push(['-h, --help', 'Show this help.']);
  const width = Math.max(...entries.map(([flag]) => flag.length)) + 2;
  for (const [flag, text] of entries) lines.push(`  ${flag.padEnd(width)}${text}`);
  return lines.join('\n');
}
