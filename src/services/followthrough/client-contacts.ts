import type { ContactEvent } from '../../core/outcomes/contact-event.ts';
import type { Database, StoredCallLogRecord } from '../../data/index.ts';

/** Every known contact of each client: call-log records, analysed calls and CRM events. */
export interface ClientContacts {
  byClient: Map<number, ContactEvent[]>;
  records: Map<number, StoredCallLogRecord>;
  /** The analysed call each linked record is. */
  callOfRecord: Map<number, string>;
}

/**
 * Loads the contacts of the given clients (all clients when none are given). An analysed call linked to
 * a call-log record appears once, as the record, which carries the direction and answer status the
 * PBX saw. Calls known only by date have no time to compare and are left out.
 */
// NOTE: everything is read into memory; a log of millions of records needs this done per client batch.
export async function loadClientContacts(database: Database, clientIds?: readonly number[]): Promise<ClientContacts> {
  const records = clientIds === undefined ? await database.callLogs.listRecords() : await database.callLogs.listForClients(clientIds);
  const calls = await database.clients.listClientCalls(clientIds);
  const events = await database.outcomes.listCrmEvents(clientIds);
  const teamOfManager = new Map((await database.managers.listManagers()).map((manager) => [manager.id, manager.team?.id ?? null]));

  const byClient = new Map<number, ContactEvent[]>();
  const add = (clientId: number | null, event: ContactEvent) => {
    if (clientId === null) return;
    const list = byClient.get(clientId) ?? [];
    list.push(event);
    byClient.set(clientId, list);
  };

  const callOfRecord = new Map<number, string>();
  const linkedCalls = new Set<string>();
  for (const record of records) {
    if (record.callId !== null) {
      callOfRecord.set(record.id, record.callId);
      linkedCalls.add(record.callId);
    }
    add(record.clientId, recordContact(record));
  }
  for (const call of calls) {
    if (linkedCalls.has(call.callId) || call.dateOnly || call.startedAt === '') continue;
    add(call.clientId, {
      at: call.startedAt,
      source: 'call',
      ref: call.callId,
      channel: 'call',
      direction: call.direction,
      answered: true,
      talkSec: call.durationSec,
      managerId: call.managerId,
      teamId: call.teamId,
    });
  }
  for (const event of events) {
    add(event.clientId, {
      at: event.occurredAt,
      source: 'crm_event',
      ref: String(event.id),
      channel: event.type,
      direction: null,
      answered: null,
      talkSec: null,
      managerId: event.managerId,
      teamId: event.managerId === null ? null : (teamOfManager.get(event.managerId) ?? null),
    });
  }
  for (const list of byClient.values()) list.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return { byClient, records: new Map(records.map((record) => [record.id, record])), callOfRecord };
}

export function recordContact(record: StoredCallLogRecord): ContactEvent {
  return {
    at: record.startedAt,
    source: 'call_log',
    ref: String(record.id),
    channel: 'call',
    direction: record.direction,
    answered: record.answered,
    talkSec: record.talkSec,
    managerId: record.managerId,
    teamId: record.teamId,
  };
}

/** True when the contact is the given analysed call itself or its call-log record. */
export function isSameCall(event: ContactEvent, callId: string, contacts: ClientContacts): boolean {
  if (event.source === 'call') return event.ref === callId;
  return event.source === 'call_log' && contacts.callOfRecord.get(Number(event.ref)) === callId;
}
