import type { Database } from '../../data/index.ts';
import { normalizePhoneNumber } from '../../importers/shared/phone-number.ts';

/**
 * Ties analysed calls to their clients: a call whose own client phone is a public number is tied to the
 * client of that number in E.164 (created if new), whatever way the source wrote it («+7 916 000-00-01»,
 * «89160000001»). A call without one is tied to the client of the call-log record linked to it. With
 * `callIds`, as after an analysis, only those calls are tied by their phones, and the call log is left
 * to its next import. Returns how many calls were tied.
 */
export async function tieCallsToClients(database: Database, callIds?: readonly string[]): Promise<number> {
  const ownPhones = (await database.clients.listUnlinkedCallPhones(callIds)).flatMap((call) => {
    const phone = normalizePhoneNumber(call.phone);
    return phone.kind === 'e164' ? [{ callId: call.callId, phone: phone.e164 }] : [];
  });
  const clientIds = await database.clients.resolveClients(ownPhones.map((call) => ({ phone: call.phone, crmId: null })));
  const links: { callId: string; clientId: number; linkedBy: 'call' | 'call_log' }[] = [];
  for (const call of ownPhones) {
    const clientId = clientIds.get(JSON.stringify([call.phone, null]));
    if (clientId !== undefined) links.push({ callId: call.callId, clientId, linkedBy: 'call' });
  }
  const tied = new Set(links.map((link) => link.callId));
  for (const record of callIds === undefined ? await database.callLogs.listLinkedWithoutClientCall() : []) {
    if (record.callId !== null && record.clientId !== null && !tied.has(record.callId)) {
      links.push({ callId: record.callId, clientId: record.clientId, linkedBy: 'call_log' });
      tied.add(record.callId);
    }
  }
  await database.clients.linkCalls(links);
  return links.length;
}
