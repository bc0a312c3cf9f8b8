import type { CallLogRecord } from './call-log-record.ts';
import type { RowCells, RowNote, RowParties } from './call-log-row.ts';

/**
 * A channel name carries the peer: `SIP/101-0000001a`, `PJSIP/101-00000002`, `Local/101@from-queue-…`,
 * FreeSWITCH `sofia/internal/101@host`.
 */
const CHANNEL_PEER = /^(?:SIP|PJSIP|IAX2|Local|DAHDI|sofia\/[^/]+)\/([^-@/;]+)/i;

const DIALLING_APPS = new Set(['dial', 'queue', 'followme', 'bridge']);

/**
 * Applies the Asterisk and FreeSWITCH CDR fields beyond the common columns:
 * - the manager's extension comes from the channel of the manager's side when `src`/`dst` name a queue
 *   or a DID;
 * - a call that ended in `VoiceMail` reached no person, although Asterisk marks it ANSWERED;
 * - an inbound call ANSWERED by the IVR (`BackGround`, `Playback`) that never reached a destination
 *   channel is a missed call for okk.
 */
export function refineByPbxRules(record: CallLogRecord, cells: RowCells, parties: RowParties, notes: RowNote[]): void {
  const format = cells.context.profile.format;
  if (format !== 'asterisk' && format !== 'freeswitch') {
    return;
  }
  const maxExtensionDigits = cells.context.phone.maxExtensionDigits ?? 5;
  const managerChannel = record.direction === 'inbound' ? cells.get('dstChannel') : cells.get('channel');
  const peer = CHANNEL_PEER.exec(managerChannel)?.[1];
  if (peer !== undefined && /^\d+$/.test(peer) && peer.length <= maxExtensionDigits) {
    record.managerExtension = peer;
  }
  if (record.direction === 'outbound' && record.manager === null && parties.from.name !== null) {
    record.manager = parties.from.name;
  }

  const lastApp = cells.get('lastApp').toLowerCase();
  if (lastApp === 'voicemail') {
    markNoConversation(record, 'voicemail');
    return;
  }
  // NOTE: a queue call answered by an agent on another CDR row is not linked here, because each row is read alone.
  const ivrOnly = cells.has('dstChannel') && cells.get('dstChannel') === '' && lastApp !== '' && !DIALLING_APPS.has(lastApp);
  if (record.direction === 'inbound' && record.status === 'answered' && ivrOnly) {
    markNoConversation(record, 'missed');
    notes.push({ kind: 'ivr-only', message: 'звонок принят только голосовым меню (IVR) и до сотрудника не дошёл' });
  }
}

/** Clears the talk time that the PBX counted for a machine (voice mail, IVR), since no employee talked. */
function markNoConversation(record: CallLogRecord, status: 'voicemail' | 'missed'): void {
  record.status = status;
  record.answered = false;
  record.talkSec = 0;
  record.waitSec = record.durationSec;
}
