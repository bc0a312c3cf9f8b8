import { InvalidArgumentError } from 'commander';

import { AppError } from '../lib/app-error.ts';
import { dayAfter } from '../lib/period-message.ts';

/** Parses a `--from`/`--to` option value: a calendar date written as YYYY-MM-DD. */
export function parseDateOption(value: string): string {
  const parsed = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(value) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw new InvalidArgumentError('укажите дату в виде ГГГГ-ММ-ДД, например 2026-12-01');
  }
  return value;
}

/**
 * Returns the exclusive end of a period given by inclusive `--from` and `--to` dates: the day after
 * `--to`. Rejects a `--from` after `--to` in the options' own terms, so the message names the dates given.
 */
export function periodEnd(from: string | undefined, to: string): string {
  if (from !== undefined && from > to) {
    throw new AppError('BAD_REQUEST', `Дата --from (${from}) позже даты --to (${to}). Поменяйте их местами.`);
  }
  return dayAfter(to);
}
