import type { PromiseAction } from '../model/evaluation.ts';
import { addMinutes, type ContactEvent, type Coverage, covers, type FollowThroughScope, isByResponsible } from './contact-event.ts';

/** A promise to check, with the moment it was made and its deadline as UTC instants. */
export interface PromiseToCheck {
  action: PromiseAction;
  promisedAt: string;
  dueAt: string;
  managerId: number | null;
  teamId: number | null;
}

export interface PromiseCheckOptions {
  /** The current moment, UTC ISO. */
  now: string;
  scope: FollowThroughScope;
  /** Minutes after the due time that still count as on time. */
  graceMinutes: number;
  /** Span of the imported call log; a callback can be judged broken only where the log covers the window. */
  callLogCoverage: Coverage | null;
  /** Span of the imported CRM events; a letter or visit can be judged broken only where they cover it. */
  crmCoverage: Coverage | null;
}

export type PromiseVerdict =
  | { outcome: 'kept'; evidence: ContactEvent }
  | { outcome: 'pending' }
  | { outcome: 'broken'; lateFollowUp: ContactEvent | null }
  | { outcome: 'unverified'; lateFollowUp: ContactEvent | null };

/**
 * Judges a promise by the client's contacts after it. A callback or transfer is kept by an outgoing
 * call, an answered incoming call or a CRM call; a letter by a CRM e-mail, message or task, or an
 * answered outgoing call; a visit by a CRM visit, meeting or task; another action by any CRM event or
 * an answered outgoing call. Kept means such a contact by the responsible people (see `scope`) came
 * before the due time plus the grace. Once that has passed without one, the promise is broken when the
 * imported sources cover its window, and unverified when they do not.
 */
export function checkPromise(promise: PromiseToCheck, contacts: readonly ContactEvent[], options: PromiseCheckOptions): PromiseVerdict {
  const deadline = addMinutes(promise.dueAt, options.graceMinutes);
  const deadlineMs = Date.parse(deadline);
  const qualifying = contacts
    .filter((event) => Date.parse(event.at) > Date.parse(promise.promisedAt))
    .filter((event) => fulfils(promise.action, event))
    .filter((event) => isByResponsible(event, promise, options.scope))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

  const onTime = qualifying.find((event) => Date.parse(event.at) <= deadlineMs);
  if (onTime !== undefined) {
    return { outcome: 'kept', evidence: onTime };
  }
  if (Date.parse(options.now) < deadlineMs) {
    return { outcome: 'pending' };
  }
  const lateFollowUp = qualifying[0] ?? null;
  return isVerifiable(promise, deadline, options) ? { outcome: 'broken', lateFollowUp } : { outcome: 'unverified', lateFollowUp };
}

function fulfils(action: PromiseAction, event: ContactEvent): boolean {
  const call = event.channel === 'call';
  const outgoing = call && event.direction === 'outbound';
  const answeredCall = call && event.answered === true && event.direction !== 'internal';
  switch (action) {
    case 'callback':
    case 'transfer':
      return outgoing || answeredCall || (event.source === 'crm_event' && call);
    case 'send':
      return ['email', 'message', 'task'].includes(event.channel) || (outgoing && event.answered === true);
    case 'visit':
      return ['visit', 'meeting', 'task'].includes(event.channel);
    case 'other':
      return (event.source === 'crm_event' && event.channel !== 'other') || (outgoing && event.answered === true);
  }
}

function isVerifiable(promise: PromiseToCheck, deadline: string, options: PromiseCheckOptions): boolean {
  const crm = covers(options.crmCoverage, promise.promisedAt, deadline);
  if (promise.action === 'callback' || promise.action === 'transfer') {
    return crm || covers(options.callLogCoverage, promise.promisedAt, deadline);
  }
  return crm;
}
