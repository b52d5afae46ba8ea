import type { Command } from './command.js';
import { benchCommand } from './commands/bench.js';
import { buildCommand } from './commands/build.js';
import { evalCommand } from './commands/eval.js';
import { trainCommand } from './commands/train.js';
import { evalShopsCommand } from './commands/evalShops.js';
import { onlineReplayCommand } from './commands/onlineReplay.js';

/**
 * Every `reshelf` subcommand, in the order `reshelf --help` lists them.
 * A new command is one file under src/cli/commands/ plus one line here.
 */
export const commands: Command[] = [buildCommand, evalCommand, benchCommand, trainCommand, evalShopsCommand, onlineReplayCommand];
