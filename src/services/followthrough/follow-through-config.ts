import type { FollowThroughScope } from '../../core/outcomes/contact-event.ts';
import { checkWorkingHours, type WorkingHours } from '../../core/outcomes/working-hours.ts';
import { AppError } from '../../lib/app-error.ts';
import type { AppConfig } from '../../lib/config.ts';
import { z } from '../../lib/zod-russian.ts';

const clock = z.string().regex(/^\d{1,2}:\d{2}$/, 'время в виде ЧЧ:ММ, например 09:00');

const followThroughSchema = z.object({
  /** Working time for callback deadlines and default promise windows; the zone defaults to the installation's. */
  workingHours: z
    .object({
      start: clock.default('09:00'),
      end: clock.default('19:00'),
      days: z.array(z.int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
      holidays: z.array(z.iso.date()).default([]),
      timeZone: z.string().optional(),
    })
    .prefault({}),
  /** Working minutes to call back a missed or dropped client call. */
  callbackMinutes: z.number().positive().default(15),
  /** An answered incoming call with at most this many seconds of talk counts as dropped. */
  droppedCallMaxSec: z.number().min(0).default(5),
  /** Working hours to keep a promise that named no due time (8 is one working day). */
  promiseDefaultHours: z.number().positive().default(8),
  /** Minutes after a due time that still count as on time. */
  promiseGraceMinutes: z.number().min(0).default(15),
  /** Whose contacts keep a manager's promise: the manager's only, their team's, or anyone's. */
  scope: z.enum(['manager', 'team', 'company']).default('team'),
  /** Seconds between a call-log record's start and an analysed call's start that still link them. */
  linkToleranceSec: z.number().min(0).default(120),
  /** Days of history a number must be absent from before its first call counts as a new lead. */
  newLeadHistoryDays: z.number().min(0).default(14),
  /** PBX extension → manager's name, for call logs that give only extensions. */
  extensions: z.record(z.string(), z.string().min(1)).default({}),
  /** Queue, line or extension number → team responsible for calls that reach no manager. */
  queues: z.record(z.string(), z.string().min(1)).default({}),
});

export type FollowThroughSection = z.infer<typeof followThroughSchema>;

export interface FollowThroughSettings extends Omit<FollowThroughSection, 'workingHours'> {
  workingHours: WorkingHours;
  scope: FollowThroughScope;
}

/** Reads the `followThrough` section of the settings, with the installation's zone for working hours. */
export function loadFollowThroughSettings(config: AppConfig): FollowThroughSettings {
  return resolveFollowThroughSettings(config.section('followThrough', followThroughSchema), config.timeZone);
}

/** Completes a parsed section: working hours get the installation's zone unless they name their own. */
export function resolveFollowThroughSettings(section: FollowThroughSection, timeZone: string): FollowThroughSettings {
  const { timeZone: ownZone, ...hours } = section.workingHours;
  const workingHours: WorkingHours = { ...hours, timeZone: ownZone ?? timeZone };
  const problems = checkWorkingHours(workingHours);
  if (problems.length > 0) {
    throw new AppError('CONFIG_INVALID', `Ошибка в настройках followThrough.workingHours: ${problems.join('; ')}.`);
  }
  return { ...section, workingHours };
}

/** Returns the settings with every default, for tests and for installations without a config file. */
export function defaultFollowThroughSettings(timeZone: string): FollowThroughSettings {
  return resolveFollowThroughSettings(followThroughSchema.parse({}), timeZone);
}
