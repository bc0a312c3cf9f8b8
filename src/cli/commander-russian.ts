import { Help } from 'commander';
import type { Argument, Command, HelpConfiguration, Option } from 'commander';

// Commander prints its own usage errors in English; these patterns turn the ones users meet into Russian.
const TRANSLATIONS: [RegExp, (...groups: string[]) => string][] = [
  [/^error: unknown option '(.+)'/, (option = '') => `ошибка: неизвестный параметр «${option}»`],
  [/^error: unknown command '(.+)'/, (command = '') => `ошибка: неизвестная команда «${command}»`],
  [/^error: missing required argument '(.+)'/, (argument = '') => `ошибка: не указан обязательный аргумент «${argument}»`],
  [/^error: option '(.+)' argument missing/, (option = '') => `ошибка: у параметра «${option}» не указано значение`],
  [/^error: too many arguments/, () => 'ошибка: слишком много аргументов'],
  [/^error: option '(.+)' argument '(.+)' is invalid\.(.*)/, (option = '', value = '', reason = '') => `ошибка: недопустимое значение «${value}» параметра «${optionName(option)}».${capitalize(reason)}`],
  [/^error: required option '(.+)' not specified/, (option = '') => `ошибка: не указан обязательный параметр «${option}»`],
];

/** `--from <дата>` → `--from`: the placeholder only repeats what the value is. */
function optionName(flags: string): string {
  return flags.replace(/\s*[<[].*$/u, '');
}

/** Capitalizes an option parser's reason, which is written in lower case but follows a full stop here. */
function capitalize(reason: string): string {
  return reason.replace(/^(\s*)(\S)/u, (_match, space: string, first: string) => `${space}${first.toUpperCase()}`);
}

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
  optionDescription: (option: Option) => withDetails(option.description, detailsOf(option, showsOptionDefault(option))),
  argumentDescription: (argument: Argument) => withDetails(argument.description, detailsOf(argument, true)),
};

/**
 * Whether commander would print the option's default: for options that take a value, and for plain
 * booleans. The default of a `--no-…` option is the option being off, which the name already shows.
 */
function showsOptionDefault(option: Option): boolean {
  return option.required || option.optional || (option.isBoolean() && !option.negate && typeof option.defaultValue === 'boolean');
}

/** «по умолчанию: …» and «варианты: …» in place of commander's English `(default: …)` and `(choices: …)`. */
function detailsOf(item: Option | Argument, showDefault: boolean): string[] {
  const details: string[] = [];
  if (item.argChoices !== undefined) {
    details.push(`варианты: ${item.argChoices.join(', ')}`);
  }
  const defaultValue: unknown = item.defaultValue;
  // An empty list is the start value of a repeatable option, not a default worth printing.
  const empty = defaultValue === undefined || (Array.isArray(defaultValue) && defaultValue.length === 0);
  if (showDefault && !empty) {
    details.push(`по умолчанию: ${item.defaultValueDescription ?? formatDefault(defaultValue)}`);
  }
  return details;
}

function formatDefault(value: unknown): string {
  if (typeof value === 'boolean') {
    return value ? 'да' : 'нет';
  }
  return Array.isArray(value) ? value.map(String).join(', ') : String(value);
}

function withDetails(description: string, details: readonly string[]): string {
  if (details.length === 0) {
    return description;
  }
  const joined = details.join('; ');
  return description === '' ? `(${joined})` : `${description} (${joined})`;
}

function translateUsage(usage: string): string {
  return usage.replace('[options]', '[параметры]').replace('[command]', '[команда]');
}
