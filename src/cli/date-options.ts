import { InvalidArgumentError } from 'commander';

/** Parses a `--from`/`--to` option value: a calendar date written as YYYY-MM-DD. */
export function parseDateOption(value: string): string {
  const parsed = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(value) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw new InvalidArgumentError('укажите дату в виде ГГГГ-ММ-ДД, например 2026-12-01');
  }
  return value;
}

/** Returns the calendar date after `date`, so an inclusive `--to` becomes an exclusive bound. */
export function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}
