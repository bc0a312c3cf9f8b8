import { swapRoles } from '../../audio/role-swap.ts';
import { evaluateCall } from '../../core/evaluation/evaluate-call.ts';
import type { Morphology } from '../../core/text/morphology.ts';
import type { Database } from '../../data/index.ts';
import { buildSearchText } from '../../data/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Logger } from '../../lib/logger.ts';
import { requireRole } from '../accounts/access.ts';
import type { Viewer } from '../accounts/access.ts';
import { carryOutcomeFindings } from '../followthrough/outcome-findings.ts';
import { buildReviewState, loadVisibleCall } from '../reviews/review-state.ts';
import type { CallReviewState } from '../reviews/review-state.ts';
import { REVIEWER_ROLES } from '../reviews/review.service.ts';

/**
 * Swaps manager and client in a call whose roles were assigned the wrong way round, and evaluates it
 * again with the checklist version of its current evaluation. The new evaluation joins the history and
 * reviewers' decisions are applied to it.
 */
export class RoleSwapService {
  constructor(private readonly deps: { database: Database; morphology: () => Promise<Morphology>; logger: Logger }) {}

  async swapRoles(viewer: Viewer, callId: string, comment: string | null): Promise<CallReviewState> {
    requireRole(viewer, REVIEWER_ROLES, 'менять роли в звонке');
    const { database } = this.deps;
    const stored = await loadVisibleCall(database, viewer, callId);
    const current = stored.evaluation;
    if (current === null) {
      throw new AppError('CONFLICT', `Звонок «${callId}» ещё не оценён: сначала его нужно проанализировать.`);
    }
    const checklist = await database.checklists.getVersion(current.checklist.id, current.checklist.version);
    if (checklist === undefined) {
      throw new AppError(
        'CONFLICT',
        `Чек-лист «${current.checklist.id}» версии ${current.checklist.version}, которым оценён звонок, не сохранён в базе: переоценить звонок той же версией нельзя.`,
      );
    }

    const morphology = await this.deps.morphology();
    const swapped = swapRoles(stored.transcript);
    // The call keeps the time zone it was analysed in, and the follow-through check's findings that still apply.
    const evaluation = carryOutcomeFindings(evaluateCall(swapped, checklist, { morphology, timeZone: stored.timeZone }), current, checklist);
    await database.transaction(async (repositories) => {
      const before = await repositories.reviews.currentReview(callId);
      await repositories.calls.saveTranscript(swapped, { searchText: buildSearchText(swapped.turns, morphology), timeZone: stored.timeZone });
      await repositories.evaluations.saveEvaluation(evaluation);
      const after = await repositories.reviews.currentReview(callId);
      await repositories.reviews.addEvent({
        callId,
        action: 'roles_swapped',
        target: null,
        targetKey: null,
        from: stored.transcript.roles,
        to: swapped.roles,
        comment,
        scoreBefore: before?.reviewed.evaluation.score ?? null,
        scoreAfter: after?.reviewed.evaluation.score ?? null,
        disputeId: null,
        actorId: viewer.userId,
        actorName: viewer.displayName,
      });
    });
    this.deps.logger.info({ callId, userId: viewer.userId, score: evaluation.score }, 'call roles swapped and re-evaluated');
    return buildReviewState(database, callId);
  }
}
