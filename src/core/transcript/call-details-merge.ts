import type { CallInfo, ClientInfo, ManagerInfo } from '../model/transcript.ts';
import { foldText } from '../text/normalize.ts';

/** A detail of a call that an analysis of the same call may lack. */
export type CallDetailField =
  | 'externalId'
  | 'startedAt'
  | 'durationSec'
  | 'direction'
  | 'manager'
  | 'team'
  | 'supervisor'
  | 'position'
  | 'clientName'
  | 'clientPhone';

export interface CallDetailsMerge {
  call: CallInfo;
  /** Fields taken from the stored call because the incoming one had them empty, in `CallDetailField` order. */
  keptFields: CallDetailField[];
}

/** Russian names of the fields, for messages to users. */
export const CALL_DETAIL_LABELS: Record<CallDetailField, string> = {
  externalId: 'номер звонка во внешней системе',
  startedAt: 'время начала',
  durationSec: 'длительность',
  direction: 'направление',
  manager: 'менеджер',
  team: 'команда',
  supervisor: 'руководитель',
  position: 'должность',
  clientName: 'клиент',
  clientPhone: 'телефон',
};

/**
 * Merges the details of a call analysed again (`incoming`) with those already stored for the same id.
 * A non-empty incoming value wins, and an empty one (null or blank) never erases a stored value: a copy
 * of a transcript without its `.meta.json` has the same id but no manager, date or client.
 *
 * The manager's team, supervisor and position are taken from the stored call only when both name the same
 * manager (names compared without case and «ё»), because they describe that person. The source stays
 * the stored one when any field was kept, since that file still carries the details the call shows.
 * Otherwise the incoming file becomes the source. The id, turns and everything else are the incoming call's.
 */
export function mergeCallDetails(stored: CallInfo, incoming: CallInfo): CallDetailsMerge {
  const keptFields: CallDetailField[] = [];
  const pick = <T>(field: CallDetailField, storedValue: T | null, incomingValue: T | null): T | null => {
    if (isEmpty(incomingValue) && !isEmpty(storedValue)) {
      keptFields.push(field);
      return storedValue;
    }
    return incomingValue;
  };

  const externalId = pick('externalId', stored.externalId, incoming.externalId);
  const startedAt = pick('startedAt', stored.startedAt, incoming.startedAt);
  const durationSec = pick('durationSec', stored.durationSec, incoming.durationSec);
  const direction = pick('direction', stored.direction, incoming.direction);
  const manager = mergeManager(stored.manager, incoming.manager, pick, keptFields);
  const client = mergeClient(stored.client, incoming.client, pick);

  return {
    call: {
      id: incoming.id,
      externalId,
      source: keptFields.length > 0 ? stored.source : incoming.source,
      startedAt,
      durationSec,
      direction,
      manager,
      client,
    },
    keptFields,
  };
}

type Pick = <T>(field: CallDetailField, storedValue: T | null, incomingValue: T | null) => T | null;

function mergeManager(stored: ManagerInfo | null, incoming: ManagerInfo | null, pick: Pick, keptFields: CallDetailField[]): ManagerInfo | null {
  const storedManager = stored === null || isEmpty(stored.name) ? null : stored;
  const incomingManager = incoming === null || isEmpty(incoming.name) ? null : incoming;
  if (incomingManager === null && storedManager !== null) {
    // The stored manager is kept whole. The team is named as kept too, because the call lists it apart.
    keptFields.push('manager', ...(isEmpty(storedManager.team) ? [] : ['team' as const]));
    return storedManager;
  }
  if (incomingManager === null || storedManager === null) {
    return incoming;
  }
  if (personKey(storedManager.name) !== personKey(incomingManager.name)) {
    return incomingManager;
  }
  return {
    name: incomingManager.name,
    team: pick('team', storedManager.team, incomingManager.team),
    supervisor: pick('supervisor', storedManager.supervisor, incomingManager.supervisor),
    position: pick('position', storedManager.position, incomingManager.position),
  };
}

function mergeClient(stored: ClientInfo | null, incoming: ClientInfo | null, pick: Pick): ClientInfo | null {
  const name = pick('clientName', stored?.name ?? null, incoming?.name ?? null);
  const phone = pick('clientPhone', stored?.phone ?? null, incoming?.phone ?? null);
  if (name === null && phone === null) {
    // Keeps an incoming `{ name: null, phone: null }` as it came.
    return incoming;
  }
  return { name, phone };
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

function personKey(name: string): string {
  return foldText(name).trim().replace(/\s+/gu, ' ');
}
