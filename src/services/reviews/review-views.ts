import type { CriterionId } from '../../core/model/checklist.ts';
import type { CriterionResult, FindingKind, Severity } from '../../core/model/evaluation.ts';
import { FINDING_TITLES, SEVERITY_TITLES } from '../../core/model/finding-titles.ts';
import type { ReviewEvent, ReviewOverride, StoredDispute } from '../../data/index.ts';
import { criterionTitle, DISPUTE_STATUS_TITLES, RESULT_TITLES } from './review-titles.ts';

export type ReviewTarget = { type: 'criterion'; criterionId: CriterionId } | { type: 'finding'; findingKey: string };

export interface OverrideView {
  id: number;
  target: ReviewTarget;
  result: CriterionResult | null;
  findingAction: 'keep' | 'remove' | null;
  severity: Severity | null;
  added: boolean;
  comment: string;
  source: 'review' | 'dispute';
  disputeId: number | null;
  author: string | null;
  createdAt: string;
  updatedAt: string;
}

export type ReviewAction =
  | 'criterion_confirmed'
  | 'criterion_changed'
  | 'finding_confirmed'
  | 'finding_changed'
  | 'finding_removed'
  | 'finding_added'
  | 'override_reverted'
  | 'roles_swapped'
  | 'dispute_opened'
  | 'dispute_accepted'
  | 'dispute_rejected'
  | 'dispute_withdrawn';

export interface ReviewEventView {
  id: number;
  action: ReviewAction;
  summary: string;
  target: ReviewTarget | null;
  from: unknown;
  to: unknown;
  comment: string | null;
  scoreBefore: number | null;
  scoreAfter: number | null;
  disputeId: number | null;
  actor: string | null;
  at: string;
}

export interface DisputeView {
  id: number;
  callId: string;
  target: ReviewTarget;
  targetTitle: string;
  requestedResult: CriterionResult | null;
  comment: string;
  status: StoredDispute['status'];
  statusTitle: string;
  openedBy: string | null;
  openedAt: string;
  resolutionComment: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  call: { startedAt: string | null; manager: { id: number; name: string } | null; score: number | null };
}

export function targetOf(type: 'criterion' | 'finding', key: string): ReviewTarget {
  return type === 'criterion' ? { type, criterionId: key as CriterionId } : { type, findingKey: key };
}

/**
 * Russian name of a review target: «Приветствие», «Раздражение / грубость (реплика 5)». A finding key
 * contains the turn's 0-based index, and people count turns from 1, as the dialogs do.
 */
export function targetTitle(type: 'criterion' | 'finding' | null, key: string | null, titles?: ReadonlyMap<string, string>): string {
  if (type === null || key === null) {
    return '';
  }
  if (type === 'criterion') {
    return criterionTitle(key, titles);
  }
  const [kind, turn] = key.split('@');
  const title = kind !== undefined && kind in FINDING_TITLES ? FINDING_TITLES[kind as FindingKind] : key;
  const index = turn === undefined || !/^\d+$/u.test(turn) ? null : Number(turn);
  return index === null ? title : `${title} (реплика ${index + 1})`;
}

const TARGET_NOUNS = {
  criterion: { dative: 'критерию', accusative: 'критерий' },
  finding: { dative: 'находке', accusative: 'находку' },
} as const;

/** The target with its noun in the case the sentence needs: «по критерию «Приветствие»», «оспорил находку «…»». */
export function targetPhrase(type: 'criterion' | 'finding' | null, key: string | null, grammaticalCase: 'dative' | 'accusative', titles?: ReadonlyMap<string, string>): string {
  const title = `«${targetTitle(type, key, titles)}»`;
  return type === null ? title : `${TARGET_NOUNS[type][grammaticalCase]} ${title}`;
}

export function overrideView(override: ReviewOverride): OverrideView {
  return {
    id: override.id,
    target: targetOf(override.target, override.targetKey),
    result: override.criterionResult,
    findingAction: override.findingAction,
    severity: override.findingSeverity ?? (override.added ? (override.finding?.severity ?? null) : null),
    added: override.added,
    comment: override.comment,
    source: override.source,
    disputeId: override.disputeId,
    author: override.authorName,
    createdAt: override.createdAt,
    updatedAt: override.updatedAt,
  };
}

export function eventView(event: ReviewEvent, titles?: ReadonlyMap<string, string>): ReviewEventView {
  return {
    id: event.id,
    action: event.action as ReviewAction,
    summary: summarize(event, titles),
    target: event.target === null || event.targetKey === null ? null : targetOf(event.target, event.targetKey),
    from: event.from ?? null,
    to: event.to ?? null,
    comment: event.comment,
    scoreBefore: event.scoreBefore,
    scoreAfter: event.scoreAfter,
    disputeId: event.disputeId,
    actor: event.actorName,
    at: event.createdAt,
  };
}

export function disputeView(dispute: StoredDispute, titles?: ReadonlyMap<string, string>): DisputeView {
  return {
    id: dispute.id,
    callId: dispute.callId,
    target: targetOf(dispute.target, dispute.targetKey),
    targetTitle: targetTitle(dispute.target, dispute.targetKey, titles),
    requestedResult: dispute.requestedResult,
    comment: dispute.comment,
    status: dispute.status,
    statusTitle: DISPUTE_STATUS_TITLES[dispute.status],
    openedBy: dispute.openedBy.name,
    openedAt: dispute.createdAt,
    resolutionComment: dispute.resolutionComment,
    resolvedBy: dispute.resolvedBy?.name ?? null,
    resolvedAt: dispute.resolvedAt,
    call: {
      startedAt: dispute.call.startedAt,
      manager: dispute.call.managerId === null || dispute.call.managerName === null ? null : { id: dispute.call.managerId, name: dispute.call.managerName },
      score: dispute.call.score,
    },
  };
}

/**
 * Writes a Russian sentence for a history entry, e.g. «Приветствие: «не выполнен» → «выполнен»». The
 * sentence leaves out the score change, because the entry has it as fields and the page shows those.
 */
function summarize(event: ReviewEvent, titles?: ReadonlyMap<string, string>): string {
  const what = targetTitle(event.target, event.targetKey, titles);
  const dative = targetPhrase(event.target, event.targetKey, 'dative', titles);
  switch (event.action as ReviewAction) {
    case 'criterion_confirmed':
      return `${what}: вердикт «${resultTitle(event.to)}» подтверждён.`;
    case 'criterion_changed':
      return `${what}: «${resultTitle(event.from)}» → «${resultTitle(event.to)}».`;
    case 'finding_confirmed':
      return `Находка «${what}» подтверждена.`;
    case 'finding_changed':
      return `Находка «${what}»: важность ${severityTitle(event.from)} → ${severityTitle(event.to)}.`;
    case 'finding_removed':
      return `Находка «${what}» удалена как ложная.`;
    case 'finding_added':
      return `Добавлена пропущенная находка «${what}».`;
    case 'override_reverted':
      return `Правка по ${dative} отменена, действует вердикт okk.`;
    case 'roles_swapped':
      return 'Роли менеджера и клиента поменяны местами, звонок оценён заново.';
    case 'dispute_opened':
      return `Менеджер оспорил ${targetPhrase(event.target, event.targetKey, 'accusative', titles)}.`;
    case 'dispute_accepted':
      return `Спор по ${dative} принят.`;
    case 'dispute_rejected':
      return `Спор по ${dative} отклонён.`;
    case 'dispute_withdrawn':
      return `Спор по ${dative} отозван менеджером.`;
  }
}

function resultTitle(value: unknown): string {
  return typeof value === 'string' && value in RESULT_TITLES ? RESULT_TITLES[value as CriterionResult] : '—';
}

function severityTitle(value: unknown): string {
  return typeof value === 'string' && value in SEVERITY_TITLES ? `«${SEVERITY_TITLES[value as Severity]}»` : '—';
}
