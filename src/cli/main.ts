import { Command, CommanderError } from 'commander';

import { isAppError } from '../lib/app-error.ts';
import '../lib/zod-russian.ts';
import { EXIT } from './exit-codes.ts';
import { COMMANDS } from './commands/index.ts';
import { RUSSIAN_HELP, translateCommanderError } from './commander-russian.ts';

/** Runs the CLI with the given arguments (without `node` and the script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    return exitCodeOf(error);
  }
}

/** Builds the `okk` command with all subcommands and Russian help, without running anything. */
export function createProgram(): Command {
  const program = new Command('okk')
    .description('okk — автоматический контроль качества звонков отдела продаж')
    .helpOption('-h, --help', 'показать справку')
    .helpCommand('help [команда]', 'показать справку по команде')
    .version('0.1.0', '-V, --version', 'показать версию')
    .showHelpAfterError('(подробнее: okk --help)')
    .exitOverride()
    .configureOutput({ outputError: (message, write) => { write(translateCommanderError(message)); } });

  program.configureHelp({ sortSubcommands: true, ...RUSSIAN_HELP });
  for (const register of COMMANDS) {
    register(program);
  }
  translateSubcommandHelp(program);
  return program;
}

function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) {
    const harmless = ['commander.helpDisplayed', 'commander.version', 'commander.help'];
    return harmless.includes(error.code) ? EXIT.ok : EXIT.usage;
  }
  if (isAppError(error)) {
    console.error(`Ошибка: ${error.message}`);
    return error.code === 'INVALID_INPUT' || error.code === 'BAD_REQUEST' ? EXIT.usage : EXIT.failures;
  }
  console.error('Внутренняя ошибка okk:', error);
  return EXIT.internal;
}

function translateSubcommandHelp(parent: Command): void {
  for (const command of parent.commands) {
    command.configureHelp(RUSSIAN_HELP).helpOption('-h, --help', 'показать справку');
    if (command.commands.length > 0) {
      command.helpCommand('help [команда]', 'показать справку по команде');
    }
    translateSubcommandHelp(command);
  }
}
