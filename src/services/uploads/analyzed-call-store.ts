import type { Database } from '../../data/index.ts';
import { buildSearchText } from '../../data/index.ts';
import type { Checklist } from '../../core/model/checklist.ts';
import type { Morphology } from '../../core/text/morphology.ts';
import type { UploadedCall } from '../../jobs/job-types.ts';
import type { AnalyzedCall } from '../analysis/call-analyzer.ts';
import { evaluationToSave } from '../reevaluation/stored-call-evaluation.ts';
import { tieCallsToClients } from '../followthrough/call-clients.ts';

export interface StoreAnalyzedCallsOptions {
  morphology: Morphology;
  /** The checklist the calls were evaluated with. */
  checklist: Checklist;
  /** IANA zone the calls were analysed in. */
  timeZone: string;
  /** The recording the calls came from, or null for a transcript. */
  audio: { path: string; channels: number | null } | null;
  /**
   * ISO time from which a stored call counts as new: the upload's creation, so a call that a
   * rerun of the same upload finds already stored is still reported as created by it.
   */
  newSince: string;
}

/**
 * Saves analysed calls in one transaction and returns which of them are new. An evaluation equal to the
 * call's current one is not saved again, so analysing the same file twice leaves the same rows and
 * reports the same calls; the follow-through check's findings on the current one are kept. Details a
 * call lacks (manager, start, client…) keep their stored values, because `saveTranscripts` merges them.
 * The calls should come from a `CallAnalyzer` with `storedCalls`, so that their evaluation already used
 * the merged details.
 */
export async function storeAnalyzedCalls(database: Database, calls: readonly AnalyzedCall[], options: StoreAnalyzedCallsOptions): Promise<UploadedCall[]> {
  if (calls.length === 0) {
    return [];
  }
  const stored = await database.transaction(async (repositories) => {
    // A file may name one call twice (an export with a repeated id); the call is reported once.
    const uploaded = new Map<string, UploadedCall>();
    const changed = [];
    for (const call of calls) {
      const id = call.transcript.call.id;
      const stored = await repositories.calls.getCall(id);
      if (!uploaded.has(id)) {
        uploaded.set(id, { id, created: stored === undefined || stored.createdAt >= options.newSince });
      }
      const next = evaluationToSave(stored?.evaluation ?? null, call.evaluation, options.checklist);
      if (next !== null) {
        changed.push(next);
      }
    }

    await repositories.calls.saveTranscripts(
      calls.map((call) => ({ transcript: call.transcript, searchText: buildSearchText(call.transcript.turns, options.morphology), timeZone: options.timeZone })),
    );
    await repositories.evaluations.saveEvaluations(changed);
    if (options.audio !== null) {
      for (const call of calls) {
        await repositories.calls.setAudio(call.transcript.call.id, {
          path: options.audio.path,
          durationSec: call.transcript.signal?.durationSec ?? call.transcript.call.durationSec,
          channels: options.audio.channels,
        });
      }
    }
    return [...uploaded.values()];
  });
  await tieCallsToClients(database, stored.map((call) => call.id));
  return stored;
}
