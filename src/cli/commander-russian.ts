import { Help } from 'commander';
import type { Command, HelpConfiguration } from 'commander';

// Commander prints its own usage errors in English; these patterns turn the ones users meet into Russian.
const TRANSLATIONS: [RegExp, (...groups: string[]) => string][] = [
  [/^error: unknown option '(.+)'/, (option = '') => `ошибка: неизвестный параметр «${option}»`],
  [/^error: unknown command '(.+)'/, (command = '') => `ошибка: неизвестная команда «${command}»`],
  [/^error: missing required argument '(.+)'/, (argument = '') => `ошибка: не указан обязательный аргумент «${argument}»`],
  [/^error: option '(.+)' argument missing/, (option = '') => `ошибка: у параметра «${option}» не указано значение`],
  [/^error: too many arguments/, () => 'ошибка: слишком много аргументов'],
  [/^error: option '(.+)' argument '(.+)' is invalid\.(.*)/, (option = '', value = '', reason = '') => `ошибка: недопустимое значение «${value}» параметра «${option}».${reason}`],
  [/^error: required option '(.+)' not specified/, (option = '') => `ошибка: не указан обязательный параметр «${option}»`],
];

export function translateCommanderError(message: string): string {
  for (const [pattern, translate] of TRANSLATIONS) {
    const match = pattern.exec(message);
    if (match) {
      return `${translate(...match.slice(1))}\n`;
    }
  }
  return message;
}

const HELP_TITLES: Record<string, string> = {
  'Usage:': 'Использование:',
  'Options:': 'Параметры:',
  'Commands:': 'Команды:',
  'Arguments:': 'Аргументы:',
  'Global Options:': 'Общие параметры:',
};

export function translateHelpTitle(title: string): string {
  return HELP_TITLES[title] ?? title;
}

const plainHelp = new Help();

/** Help settings that print commander's fixed English words in Russian. */
export const RUSSIAN_HELP: HelpConfiguration = {
  styleTitle: translateHelpTitle,
  commandUsage: (command: Command) => translateUsage(plainHelp.commandUsage(command)),
  subcommandTerm: (command: Command) => translateUsage(plainHelp.subcommandTerm(command)),
};

function translateUsage(usage: string): string {
  return usage.replace('[options]', '[параметры]').replace('[command]', '[команда]');
}
