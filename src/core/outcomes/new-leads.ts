import type { ContactEvent } from './contact-event.ts';
import { isMissedOrDropped, reachesClient } from './missed-calls.ts';

/** A first call from a number never seen before, and how fast someone talked to that client. */
export interface NewLead {
  first: ContactEvent;
  /** The contact in which an employee first talked to the client or called them; null when none yet. */
  response: ContactEvent | null;
  /** Seconds from the first call to the response: the wait in the queue when the first call was answered. */
  responseSec: number | null;
  /** Who answered or called back; for a lead nobody reached, who the first call was for. */
  managerId: number | null;
  teamId: number | null;
}

export interface NewLeadOptions {
  /** The start of the imported history, UTC ISO. */
  historyFrom: string;
  /**
   * Days of history a number must be absent from before its first call counts as a new lead. Numbers
   * first seen sooner after the history starts may have called before it, so they are not leads.
   */
  minHistoryDays: number;
  droppedCallMaxSec: number;
}

/**
 * Finds a new lead in one client's contacts (any order): the client's first contact is an incoming
 * call, far enough into the history that an earlier contact would have been seen. Returns null for
 * other clients.
 */
export function findNewLead(contacts: readonly ContactEvent[], waitSecOf: (event: ContactEvent) => number | null, options: NewLeadOptions): NewLead | null {
  const calls = contacts.filter((event) => event.channel === 'call').sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const first = calls[0];
  if (first?.direction !== 'inbound') {
    return null;
  }
  if (Date.parse(first.at) - Date.parse(options.historyFrom) < options.minHistoryDays * 86_400_000) {
    return null;
  }
  if (!isMissedOrDropped(first, options.droppedCallMaxSec)) {
    return { first, response: first, responseSec: waitSecOf(first) ?? 0, managerId: first.managerId, teamId: first.teamId };
  }
  const response = calls.slice(1).find((event) => reachesClient(event, options.droppedCallMaxSec)) ?? null;
  if (response === null) {
    return { first, response: null, responseSec: null, managerId: first.managerId, teamId: first.teamId };
  }
  return {
    first,
    response,
    responseSec: (Date.parse(response.at) - Date.parse(first.at)) / 1000,
    managerId: response.managerId ?? first.managerId,
    teamId: response.teamId ?? first.teamId,
  };
}
