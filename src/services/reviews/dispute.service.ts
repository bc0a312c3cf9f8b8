import type { CriterionResult } from '../../core/model/evaluation.ts';
import type { Database, DisputeFilter, DisputeStatus, Repositories, StoredDispute } from '../../data/index.ts';
import { findingKey } from '../../data/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Logger } from '../../lib/logger.ts';
import { callScopeOf, canSeeCall, requireRole } from '../accounts/access.ts';
import type { Viewer } from '../accounts/access.ts';
import { criterionTitles, loadVisibleCall, requireCurrentReview } from './review-state.ts';
import { baseOverride, REVIEWER_ROLES } from './review.service.ts';
import { disputeView, targetTitle } from './review-views.ts';
import type { DisputeView, ReviewTarget } from './review-views.ts';
import { RESULT_TITLES } from './review-titles.ts';

export interface DisputeRequest {
  target: ReviewTarget;
  requestedResult?: CriterionResult | undefined;
  comment: string;
}

export interface DisputeListRequest {
  status?: DisputeStatus[] | undefined;
  callId?: string | undefined;
  managerId?: number | undefined;
  limit: number;
}

const DECIDE_ACTION = 'решать споры по оценкам';

/**
 * Managers' disputes of verdicts on their calls. A manager opens one with a comment. A QA reviewer
 * accepts it, which changes the verdict as a reviewer's decision, or rejects it with a comment. Both
 * sides see the state, and every step joins the call's review history.
 */
export class DisputeService {
  constructor(private readonly deps: { database: Database; logger: Logger }) {}

  /** Disputes the viewer may see: a manager their own calls', a head of sales their teams', reviewers all. */
  async listDisputes(viewer: Viewer, request: DisputeListRequest): Promise<DisputeView[]> {
    const scope = callScopeOf(viewer);
    const filter: DisputeFilter = { limit: request.limit };
    if (request.status !== undefined) filter.statuses = request.status;
    if (request.callId !== undefined) filter.callId = request.callId;
    if (request.managerId !== undefined) filter.managerIds = [request.managerId];
    switch (scope.kind) {
      case 'none':
        return [];
      case 'managers':
        filter.managerIds = scope.managerIds.filter((id) => request.managerId === undefined || id === request.managerId);
        break;
      case 'teams':
        filter.teamIds = scope.teamIds;
        break;
      case 'all':
        break;
    }
    return (await this.deps.database.disputes.listDisputes(filter)).map((dispute) => disputeView(dispute));
  }

  /** Loads the dispute with the criterion titles of its call's evaluation. */
  async getDispute(viewer: Viewer, id: number): Promise<DisputeView> {
    const dispute = await this.requireVisible(viewer, id);
    return disputeView(dispute, criterionTitles(await this.deps.database.reviews.currentReview(dispute.callId)));
  }

  /** Opens a dispute on a criterion verdict or a finding of the manager's own call. */
  async openDispute(viewer: Viewer, callId: string, request: DisputeRequest): Promise<DisputeView> {
    requireRole(viewer, ['manager'], 'оспаривать оценки своих звонков');
    await loadVisibleCall(this.deps.database, viewer, callId);
    const id = await this.deps.database.transaction(async (repositories) => {
      const current = await requireCurrentReview(repositories, callId);
      const { evaluation } = current.reviewed;
      let targetKey: string;
      let requestedResult: CriterionResult | null = null;
      if (request.target.type === 'criterion') {
        const { criterionId } = request.target;
        const criterion = evaluation.criteria.find((candidate) => candidate.id === criterionId);
        if (criterion === undefined) {
          throw new AppError('NOT_FOUND', `Критерия «${criterionId}» нет в оценке звонка.`);
        }
        requestedResult = request.requestedResult ?? 'passed';
        if (criterion.result === requestedResult) {
          throw new AppError('CONFLICT', `Критерий «${criterion.title}» уже ${RESULT_TITLES[requestedResult]}: оспаривать нечего.`);
        }
        targetKey = criterionId;
      } else {
        const key = request.target.findingKey;
        if (!evaluation.findings.some((finding) => findingKey(finding) === key)) {
          throw new AppError('NOT_FOUND', `Находки «${targetTitle('finding', key)}» нет в оценке звонка.`);
        }
        targetKey = key;
      }
      const disputeId = await repositories.disputes.createDispute({
        callId,
        target: request.target.type,
        targetKey,
        requestedResult,
        comment: request.comment,
        openedBy: actorOf(viewer),
      });
      await addDisputeEvent(repositories, viewer, 'dispute_opened', { callId, target: request.target.type, targetKey, disputeId, comment: request.comment, score: evaluation.score });
      return disputeId;
    });
    this.deps.logger.info({ callId, disputeId: id, userId: viewer.userId }, 'dispute opened');
    return this.getDispute(viewer, id);
  }

  /**
   * Accepts an open dispute: a disputed criterion gets the verdict the manager asked for (or `result`),
   * a disputed finding is removed. The change is a reviewer's decision marked as coming from the dispute.
   */
  async acceptDispute(viewer: Viewer, id: number, decision: { result?: CriterionResult | undefined; comment: string }): Promise<DisputeView> {
    requireRole(viewer, REVIEWER_ROLES, DECIDE_ACTION);
    const dispute = await this.requireVisible(viewer, id);
    await this.deps.database.transaction(async (repositories) => {
      await this.resolve(repositories, viewer, dispute, 'accepted', decision.comment);
      const before = await requireCurrentReview(repositories, dispute.callId);
      const override = { ...baseOverride(dispute.callId, viewer, decision.comment), source: 'dispute' as const, disputeId: dispute.id, targetKey: dispute.targetKey };
      if (dispute.target === 'criterion') {
        await repositories.reviews.saveOverride({ ...override, target: 'criterion', criterionResult: decision.result ?? dispute.requestedResult ?? 'passed' });
      } else {
        await repositories.reviews.saveOverride({ ...override, target: 'finding', findingAction: 'remove' });
      }
      await repositories.reviews.refreshReviewed([dispute.callId]);
      const after = await requireCurrentReview(repositories, dispute.callId);
      await addDisputeEvent(repositories, viewer, 'dispute_accepted', {
        callId: dispute.callId,
        target: dispute.target,
        targetKey: dispute.targetKey,
        disputeId: dispute.id,
        comment: decision.comment,
        score: before.reviewed.evaluation.score,
        scoreAfter: after.reviewed.evaluation.score,
      });
    });
    return this.getDispute(viewer, id);
  }

  async rejectDispute(viewer: Viewer, id: number, comment: string): Promise<DisputeView> {
    requireRole(viewer, REVIEWER_ROLES, DECIDE_ACTION);
    const dispute = await this.requireVisible(viewer, id);
    await this.deps.database.transaction(async (repositories) => {
      await this.resolve(repositories, viewer, dispute, 'rejected', comment);
      const current = await repositories.reviews.currentReview(dispute.callId);
      await addDisputeEvent(repositories, viewer, 'dispute_rejected', {
        callId: dispute.callId,
        target: dispute.target,
        targetKey: dispute.targetKey,
        disputeId: dispute.id,
        comment,
        score: current?.reviewed.evaluation.score ?? null,
      });
    });
    return this.getDispute(viewer, id);
  }

  /** Withdraws the manager's own open dispute. */
  async withdrawDispute(viewer: Viewer, id: number): Promise<DisputeView> {
    requireRole(viewer, ['manager'], 'отзывать свои споры');
    const dispute = await this.requireVisible(viewer, id);
    if (dispute.openedBy.id !== viewer.userId) {
      throw new AppError('FORBIDDEN', 'Отозвать спор может только тот, кто его открыл.');
    }
    await this.deps.database.transaction(async (repositories) => {
      await this.resolve(repositories, viewer, dispute, 'withdrawn', null);
      const current = await repositories.reviews.currentReview(dispute.callId);
      await addDisputeEvent(repositories, viewer, 'dispute_withdrawn', {
        callId: dispute.callId,
        target: dispute.target,
        targetKey: dispute.targetKey,
        disputeId: dispute.id,
        comment: null,
        score: current?.reviewed.evaluation.score ?? null,
      });
    });
    return this.getDispute(viewer, id);
  }

  private async resolve(repositories: Repositories, viewer: Viewer, dispute: StoredDispute, status: Exclude<DisputeStatus, 'open'>, comment: string | null): Promise<void> {
    const resolved = await repositories.disputes.resolveDispute(dispute.id, status, { comment, by: actorOf(viewer) });
    if (!resolved) {
      throw new AppError('CONFLICT', `Спор ${dispute.id} уже закрыт: обновите страницу, чтобы увидеть решение.`);
    }
    this.deps.logger.info({ callId: dispute.callId, disputeId: dispute.id, status, userId: viewer.userId }, 'dispute closed');
  }

  private async requireVisible(viewer: Viewer, id: number): Promise<StoredDispute> {
    const dispute = await this.deps.database.disputes.getDispute(id);
    if (dispute === undefined || !canSeeCall(callScopeOf(viewer), dispute.call)) {
      throw new AppError('NOT_FOUND', `Спор ${id} не найден.`);
    }
    return dispute;
  }
}

function actorOf(viewer: Viewer): { id: number; name: string } {
  if (viewer.userId === null) {
    throw new AppError('FORBIDDEN', 'Споры открывают и решают только вошедшие пользователи.');
  }
  return { id: viewer.userId, name: viewer.displayName };
}

async function addDisputeEvent(
  repositories: Repositories,
  viewer: Viewer,
  action: 'dispute_opened' | 'dispute_accepted' | 'dispute_rejected' | 'dispute_withdrawn',
  entry: { callId: string; target: 'criterion' | 'finding'; targetKey: string; disputeId: number; comment: string | null; score: number | null; scoreAfter?: number | null },
): Promise<void> {
  await repositories.reviews.addEvent({
    callId: entry.callId,
    action,
    target: entry.target,
    targetKey: entry.targetKey,
    from: null,
    to: null,
    comment: entry.comment,
    scoreBefore: entry.score,
    scoreAfter: entry.scoreAfter === undefined ? entry.score : entry.scoreAfter,
    disputeId: entry.disputeId,
    actorId: viewer.userId,
    actorName: viewer.displayName,
  });
}
