/** Source that recorded a contact with a client. */
export type ContactSource = 'call_log' | 'call' | 'crm_event';

/** Kind of contact: a phone call or a CRM event type. */
export type ContactChannel = 'call' | 'email' | 'message' | 'task' | 'meeting' | 'visit' | 'other';

/** A contact with one client, from the call log, the analysed calls or the CRM, in a common shape. */
export interface ContactEvent {
  /** UTC ISO instant. */
  at: string;
  source: ContactSource;
  /** Record id, call id or CRM event id, for the report to link to. */
  ref: string;
  channel: ContactChannel;
  /** For calls; null for CRM events. */
  direction: 'inbound' | 'outbound' | 'internal' | null;
  /** For calls: an employee talked to the client. Null for CRM events. */
  answered: boolean | null;
  /** Conversation seconds of a call, when known. */
  talkSec: number | null;
  managerId: number | null;
  teamId: number | null;
}

/** Whose contacts count as keeping a manager's promise or calling a client back. */
export type FollowThroughScope = 'manager' | 'team' | 'company';

/**
 * True when the contact was made by the responsible manager, by their team (scope `team`), or by anyone
 * (scope `company`). A contact whose manager the source does not name counts at every scope, because it
 * cannot be distinguished from the manager's own.
 */
export function isByResponsible(event: ContactEvent, responsible: { managerId: number | null; teamId: number | null }, scope: FollowThroughScope): boolean {
  if (scope === 'company' || responsible.managerId === null || event.managerId === null) {
    return true;
  }
  if (event.managerId === responsible.managerId) {
    return true;
  }
  return scope === 'team' && responsible.teamId !== null && event.teamId === responsible.teamId;
}

/** A time span a source covers, UTC instants. */
export interface Coverage {
  from: string;
  to: string;
}

export function covers(coverage: Coverage | null, from: string, to: string): boolean {
  return coverage !== null && Date.parse(coverage.from) <= Date.parse(from) && Date.parse(coverage.to) >= Date.parse(to);
}

export function addMinutes(instant: string, minutes: number): string {
  return new Date(Date.parse(instant) + minutes * 60_000).toISOString();
}
