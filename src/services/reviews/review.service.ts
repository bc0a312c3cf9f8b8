import type { CriterionId } from '../../core/model/checklist.ts';
import type { CriterionResult, Finding, FindingKind, Severity } from '../../core/model/evaluation.ts';
import { foldText } from '../../core/text/normalize.ts';
import type { Database, Repositories, ReviewOverride } from '../../data/index.ts';
import { findingKey } from '../../data/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Logger } from '../../lib/logger.ts';
import { requireRole } from '../accounts/access.ts';
import type { Viewer } from '../accounts/access.ts';
import { FINDING_ADVICE } from '../reports/behaviour-advice.ts';
import { buildReviewState, loadVisibleCall, requireCurrentReview } from './review-state.ts';
import type { CallReviewState } from './review-state.ts';
import { targetTitle } from './review-views.ts';
import type { ReviewAction } from './review-views.ts';

export const REVIEWER_ROLES = ['qa_reviewer', 'admin'] as const;
const REVIEW_ACTION = 'подтверждать и менять оценки звонков';

export interface FindingDecision {
  action: 'confirm' | 'remove';
  severity?: Severity | undefined;
  comment: string;
}

export interface MissedFinding {
  kind: FindingKind;
  severity?: Severity | undefined;
  turn: number;
  quote?: string | undefined;
  explanation?: string | undefined;
  recommendation?: string | undefined;
  comment: string;
}

/**
 * A QA reviewer's changes to a call's evaluation: confirm or change a criterion verdict, confirm, change
 * the severity of or remove a finding, add a missed finding, or revert a change. Every change is kept in
 * the call's history with its author, comment and the score before and after.
 */
export class ReviewService {
  constructor(private readonly deps: { database: Database; logger: Logger }) {}

  async reviewCriterion(viewer: Viewer, callId: string, criterionId: CriterionId, request: { result: CriterionResult; comment: string }): Promise<CallReviewState> {
    requireRole(viewer, REVIEWER_ROLES, REVIEW_ACTION);
    await loadVisibleCall(this.deps.database, viewer, callId);
    await this.deps.database.transaction(async (repositories) => {
      const before = await requireCurrentReview(repositories, callId);
      const criterion = before.reviewed.evaluation.criteria.find((candidate) => candidate.id === criterionId);
      const machine = before.reviewed.machine.criteria.find((candidate) => candidate.id === criterionId);
      if (criterion === undefined || machine === undefined) {
        throw new AppError('NOT_FOUND', `Критерия «${criterionId}» нет в оценке звонка «${callId}».`);
      }
      await repositories.reviews.saveOverride({
        ...baseOverride(callId, viewer, request.comment),
        target: 'criterion',
        targetKey: criterionId,
        criterionResult: request.result,
      });
      const action: ReviewAction = request.result === criterion.result ? 'criterion_confirmed' : 'criterion_changed';
      await this.recordChange(repositories, viewer, callId, before.reviewed.evaluation.score, {
        action,
        target: 'criterion',
        targetKey: criterionId,
        from: criterion.result,
        to: request.result,
        comment: request.comment,
        disputeId: null,
      });
    });
    return buildReviewState(this.deps.database, callId);
  }

  /**
   * Confirms a finding (optionally with another severity) or removes it as false. Removing a finding a
   * reviewer added takes the addition back.
   */
  async reviewFinding(viewer: Viewer, callId: string, key: string, decision: FindingDecision): Promise<CallReviewState> {
    requireRole(viewer, REVIEWER_ROLES, REVIEW_ACTION);
    await loadVisibleCall(this.deps.database, viewer, callId);
    await this.deps.database.transaction(async (repositories) => {
      const before = await requireCurrentReview(repositories, callId);
      const { reviewed } = before;
      const position = reviewed.evaluation.findings.findIndex((finding) => findingKey(finding) === key);
      const removed = reviewed.removedFindings.find((entry) => findingKey(entry.finding) === key);
      const finding = reviewed.evaluation.findings[position] ?? removed?.finding;
      if (finding === undefined) {
        throw new AppError('NOT_FOUND', `Находки «${targetTitle('finding', key)}» нет в оценке звонка «${callId}».`);
      }
      const existing = reviewed.findings[position]?.override ?? removed?.override ?? null;
      const scoreBefore = reviewed.evaluation.score;

      if (decision.action === 'remove') {
        if (removed !== undefined) {
          throw new AppError('CONFLICT', `Находка «${targetTitle('finding', key)}» уже удалена.`);
        }
        await this.removeFinding(repositories, viewer, callId, key, existing, decision.comment);
      } else {
        await repositories.reviews.saveOverride({
          ...baseOverride(callId, viewer, decision.comment),
          target: 'finding',
          targetKey: key,
          findingAction: 'keep',
          findingSeverity: decision.severity ?? null,
          finding: existing?.finding ?? finding,
          added: existing?.added ?? false,
        });
      }
      const severityChanged = decision.action === 'confirm' && decision.severity !== undefined && decision.severity !== finding.severity;
      let action: ReviewAction = 'finding_confirmed';
      if (decision.action === 'remove') {
        action = 'finding_removed';
      } else if (severityChanged) {
        action = 'finding_changed';
      }
      await this.recordChange(repositories, viewer, callId, scoreBefore, {
        action,
        target: 'finding',
        targetKey: key,
        from: decision.action === 'confirm' ? finding.severity : findingSnapshot(finding),
        to: decision.action === 'confirm' ? (decision.severity ?? finding.severity) : null,
        comment: decision.comment,
        disputeId: null,
      });
    });
    return buildReviewState(this.deps.database, callId);
  }

  /** Adds a finding the engine missed. Its quote must be words of the turn it names. */
  async addFinding(viewer: Viewer, callId: string, missed: MissedFinding): Promise<CallReviewState> {
    requireRole(viewer, REVIEWER_ROLES, REVIEW_ACTION);
    const call = await loadVisibleCall(this.deps.database, viewer, callId);
    const turn = call.transcript.turns.find((candidate) => candidate.index === missed.turn);
    if (turn === undefined) {
      throw new AppError('INVALID_INPUT', `Реплики ${missed.turn + 1} нет в звонке «${callId}»: укажите номер реплики из расшифровки.`);
    }
    const quote = missed.quote === undefined ? turn.text : quoteInTurn(missed.quote, turn.text);
    if (quote === null) {
      throw new AppError('INVALID_INPUT', `Цитаты «${missed.quote ?? ''}» нет в реплике ${missed.turn + 1}: цитата должна состоять из слов этой реплики без изменений.`);
    }

    await this.deps.database.transaction(async (repositories) => {
      const before = await requireCurrentReview(repositories, callId);
      const key = findingKey({ kind: missed.kind, turn: missed.turn });
      if (before.reviewed.evaluation.findings.some((finding) => findingKey(finding) === key)) {
        throw new AppError('CONFLICT', `Находка «${targetTitle('finding', key)}» уже есть в оценке: подтвердите её вместо добавления.`);
      }
      const finding: Finding = {
        kind: missed.kind,
        severity: missed.severity ?? before.rules.findingSeverities.get(missed.kind) ?? 'major',
        turn: missed.turn,
        startSec: turn.startSec,
        quote,
        explanation: missed.explanation ?? 'Отмечено специалистом ОКК при проверке звонка.',
        recommendation: missed.recommendation ?? FINDING_ADVICE[missed.kind],
        evidence: [],
      };
      await repositories.reviews.saveOverride({
        ...baseOverride(callId, viewer, missed.comment),
        target: 'finding',
        targetKey: key,
        findingAction: 'keep',
        finding,
        added: true,
      });
      await this.recordChange(repositories, viewer, callId, before.reviewed.evaluation.score, {
        action: 'finding_added',
        target: 'finding',
        targetKey: key,
        from: null,
        to: findingSnapshot(finding),
        comment: missed.comment,
        disputeId: null,
      });
    });
    return buildReviewState(this.deps.database, callId);
  }

  /** Takes a reviewer's change back, so the engine's verdict applies again. */
  async revertOverride(viewer: Viewer, callId: string, overrideId: number, comment: string): Promise<CallReviewState> {
    requireRole(viewer, REVIEWER_ROLES, REVIEW_ACTION);
    await loadVisibleCall(this.deps.database, viewer, callId);
    await this.deps.database.transaction(async (repositories) => {
      const override = await repositories.reviews.getOverride(overrideId);
      if (override?.callId !== callId) {
        throw new AppError('NOT_FOUND', `Правки ${overrideId} нет у звонка «${callId}».`);
      }
      const before = await requireCurrentReview(repositories, callId);
      await repositories.reviews.deleteOverride(overrideId);
      await this.recordChange(repositories, viewer, callId, before.reviewed.evaluation.score, {
        action: 'override_reverted',
        target: override.target,
        targetKey: override.targetKey,
        from: override.criterionResult ?? override.findingAction,
        to: null,
        comment,
        disputeId: override.disputeId,
      });
    });
    return buildReviewState(this.deps.database, callId);
  }

  private async removeFinding(repositories: Repositories, viewer: Viewer, callId: string, key: string, existing: ReviewOverride | null, comment: string): Promise<void> {
    if (existing?.added === true) {
      await repositories.reviews.deleteOverride(existing.id);
      return;
    }
    await repositories.reviews.saveOverride({
      ...baseOverride(callId, viewer, comment),
      target: 'finding',
      targetKey: key,
      findingAction: 'remove',
    });
  }

  /** Applies the decisions to the call's rows and score, then records the change with both scores. */
  private async recordChange(
    repositories: Repositories,
    viewer: Viewer,
    callId: string,
    scoreBefore: number | null,
    change: { action: ReviewAction; target: 'criterion' | 'finding'; targetKey: string; from: unknown; to: unknown; comment: string; disputeId: number | null },
  ): Promise<void> {
    await repositories.reviews.refreshReviewed([callId]);
    const after = await requireCurrentReview(repositories, callId);
    await repositories.reviews.addEvent({
      callId,
      ...change,
      scoreBefore,
      scoreAfter: after.reviewed.evaluation.score,
      actorId: viewer.userId,
      actorName: viewer.displayName,
    });
    this.deps.logger.info({ callId, action: change.action, target: change.targetKey, userId: viewer.userId }, 'evaluation reviewed');
  }
}

/** Builds the fields every decision shares; the caller sets the target and the decision itself. */
export function baseOverride(callId: string, viewer: Viewer, comment: string) {
  return {
    callId,
    criterionResult: null,
    findingAction: null,
    findingSeverity: null,
    finding: null,
    added: false,
    comment,
    source: 'review' as const,
    disputeId: null,
    author: viewer.userId === null ? null : { id: viewer.userId, name: viewer.displayName },
  };
}

function findingSnapshot(finding: Finding) {
  return { kind: finding.kind, severity: finding.severity, turn: finding.turn, quote: finding.quote };
}

/**
 * Finds the quote in the turn, ignoring case and «ё», and returns it as the turn spells it, so a quote
 * stays the transcript's own words. Returns null when the turn does not contain it.
 */
function quoteInTurn(quote: string, text: string): string | null {
  const wanted = quote.trim().replace(/\s+/gu, ' ');
  if (text.includes(wanted)) {
    return wanted;
  }
  const foldedText = foldText(text);
  if (foldedText.length !== text.length) {
    return null;
  }
  const start = foldedText.indexOf(foldText(wanted));
  return start === -1 ? null : text.slice(start, start + wanted.length);
}
