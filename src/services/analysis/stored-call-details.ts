import path from 'node:path';

import type { Transcript } from '../../core/model/transcript.ts';
import { CALL_DETAIL_LABELS, mergeCallDetails } from '../../core/transcript/call-details-merge.ts';
import type { Database } from '../../data/index.ts';

export interface StoredDetailsOutcome {
  transcript: Transcript;
  /** Russian warning for the file's line when details were taken from the stored call, else null. */
  warning: string | null;
}

/**
 * Fills the details a transcript lacks from the call stored under the same id, by `mergeCallDetails`.
 * It runs before the call is evaluated, so a copy of a transcript without its `.meta.json` keeps the
 * call's manager and client, and its promises fall due from the real start. `label` names the call in
 * the warning when its file has several calls.
 */
export async function withStoredCallDetails(database: Database, transcript: Transcript, label: string | null): Promise<StoredDetailsOutcome> {
  const stored = await database.calls.getCall(transcript.call.id);
  if (stored === undefined) {
    return { transcript, warning: null };
  }
  const { call, keptFields } = mergeCallDetails(stored.transcript.call, transcript.call);
  if (keptFields.length === 0) {
    return { transcript: { ...transcript, call }, warning: null };
  }
  const subject = label === null ? 'звонок' : `звонок ${label}`;
  const fields = keptFields.map((field) => CALL_DETAIL_LABELS[field]).join(', ');
  const warning = `${subject} уже сохранён ранее (из файла ${path.basename(stored.transcript.call.source)}): сведения о звонке (${fields}) взяты из базы, так как в этом файле их нет`;
  return { transcript: { ...transcript, call }, warning };
}
