import type { Database } from '../../data/index.ts';
import { buildSearchText } from '../../data/index.ts';
import type { Morphology } from '../../core/text/morphology.ts';
import type { UploadedCall } from '../../jobs/job-types.ts';
import type { AnalyzedCall } from '../analysis/call-analyzer.ts';
import { isSameEvaluation } from '../reevaluation/evaluation-equality.ts';

export interface StoreAnalyzedCallsOptions {
  morphology: Morphology;
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
 * reports the same calls.
 */
export async function storeAnalyzedCalls(database: Database, calls: readonly AnalyzedCall[], options: StoreAnalyzedCallsOptions): Promise<UploadedCall[]> {
  if (calls.length === 0) {
    return [];
  }
  return database.transaction(async (repositories) => {
    // A file may name one call twice (an export with a repeated id); the call is reported once.
    const uploaded = new Map<string, UploadedCall>();
    const changed = [];
    for (const call of calls) {
      const id = call.transcript.call.id;
      const stored = await repositories.calls.getCall(id);
      if (!uploaded.has(id)) {
        uploaded.set(id, { id, created: stored === undefined || stored.createdAt >= options.newSince });
      }
      const current = stored?.evaluation ?? null;
      if (current === null || !isSameEvaluation(current, call.evaluation)) {
        changed.push(call.evaluation);
      }
    }

    await repositories.calls.saveTranscripts(
      calls.map((call) => ({ transcript: call.transcript, searchText: buildSearchText(call.transcript.turns, options.morphology) })),
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
}
