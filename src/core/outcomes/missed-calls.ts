import type { ContactEvent } from './contact-event.ts';
import { addWorkingMinutes, type WorkingHours, workingSecondsBetween } from './working-hours.ts';

export interface MissedCallOptions {
  /** The current moment, UTC ISO. */
  now: string;
  workingHours: WorkingHours;
  /** Working minutes within which a missed call must be called back. */
  callbackMinutes: number;
  /** An answered incoming call with at most this many seconds of conversation was dropped, not held. */
  droppedCallMaxSec: number;
}

export type MissedCallOutcome = 'pending' | 'called_back' | 'late' | 'no_callback';

/** A run of missed calls from one number until someone got through to the client. */
export interface MissedCallEpisode {
  /** The first missed call of the run. */
  first: ContactEvent;
  attempts: number;
  /** The deadline for the callback, UTC ISO: `callbackMinutes` of working time after the first miss. */
  dueAt: string;
  /** The manager and team responsible: the first missed call's, else a later attempt's. */
  managerId: number | null;
  teamId: number | null;
  outcome: MissedCallOutcome;
  callback: ContactEvent | null;
  callbackSec: number | null;
  callbackWorkingSec: number | null;
}

/** True for a client's incoming call that nobody answered, or that was cut off within seconds. */
export function isMissedOrDropped(event: ContactEvent, droppedCallMaxSec: number): boolean {
  if (event.channel !== 'call' || event.direction !== 'inbound' || event.source === 'crm_event') {
    return false;
  }
  if (event.answered !== true) {
    return true;
  }
  return event.source === 'call_log' && event.talkSec !== null && event.talkSec <= droppedCallMaxSec;
}

/** True for a contact that reaches the client: any outgoing call, or an incoming call that was held. */
export function reachesClient(event: ContactEvent, droppedCallMaxSec: number): boolean {
  if (event.channel !== 'call' || event.direction === 'internal') {
    return false;
  }
  if (event.direction === 'outbound') {
    return true;
  }
  return event.answered === true && !isMissedOrDropped(event, droppedCallMaxSec);
}

/**
 * Finds the missed-call runs in one client's contacts (oldest first) and how each ended. Missed and
 * dropped calls in a row are one run; the first outgoing call (answered or not: the manager tried) or
 * answered incoming call after it is the callback. A callback after the deadline is `late`; no callback
 * once the deadline has passed is `no_callback`; before it, `pending`.
 */
export function findMissedCalls(contacts: readonly ContactEvent[], options: MissedCallOptions): MissedCallEpisode[] {
  const sorted = [...contacts].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const episodes: MissedCallEpisode[] = [];
  let open: { first: ContactEvent; attempts: number; managerId: number | null; teamId: number | null } | null = null;

  for (const event of sorted) {
    if (isMissedOrDropped(event, options.droppedCallMaxSec)) {
      if (open === null) {
        open = { first: event, attempts: 1, managerId: event.managerId, teamId: event.teamId };
      } else {
        open.attempts += 1;
        open.managerId ??= event.managerId;
        open.teamId ??= event.teamId;
      }
      continue;
    }
    if (open !== null && reachesClient(event, options.droppedCallMaxSec)) {
      episodes.push(close(open, event, options));
      open = null;
    }
  }
  if (open !== null) {
    episodes.push(close(open, null, options));
  }
  return episodes;
}

function close(
  open: { first: ContactEvent; attempts: number; managerId: number | null; teamId: number | null },
  callback: ContactEvent | null,
  options: MissedCallOptions,
): MissedCallEpisode {
  const dueAt = addWorkingMinutes(open.first.at, options.callbackMinutes, options.workingHours);
  const base = { first: open.first, attempts: open.attempts, dueAt, managerId: open.managerId, teamId: open.teamId };
  if (callback === null) {
    const outcome = Date.parse(options.now) < Date.parse(dueAt) ? 'pending' : 'no_callback';
    return { ...base, outcome, callback: null, callbackSec: null, callbackWorkingSec: null };
  }
  return {
    ...base,
    outcome: Date.parse(callback.at) <= Date.parse(dueAt) ? 'called_back' : 'late',
    callback,
    callbackSec: (Date.parse(callback.at) - Date.parse(open.first.at)) / 1000,
    callbackWorkingSec: workingSecondsBetween(open.first.at, callback.at, options.workingHours),
  };
}
