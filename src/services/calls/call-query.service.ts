import type { CriterionId } from '../../core/model/checklist.ts';
import type { FindingKind } from '../../core/model/evaluation.ts';
import type { Direction, SourceWarning, Turn } from '../../core/model/transcript.ts';
import type { Morphology } from '../../core/text/morphology.ts';
import { AppError } from '../../lib/app-error.ts';
import type { CallFilter, CallSortField, CallSummary, Database, SearchWord, StoredCall } from '../../data/index.ts';
import { buildSearchLemmas, searchWordLabel } from '../../data/index.ts';
import { callScopeOf, canSeeCall, restrictFilter } from '../accounts/access.ts';
import type { Viewer } from '../accounts/access.ts';
import { buildReviewState, loadVisibleCall } from '../reviews/review-state.ts';
import type { CallReviewState } from '../reviews/review-state.ts';
import type { DisputeView, ReviewEventView } from '../reviews/review-views.ts';
import type { EvaluationView } from './evaluation-view.ts';

export interface CallListRequest {
  from?: string | undefined;
  to?: string | undefined;
  managerId?: number[] | undefined;
  teamId?: number[] | undefined;
  direction?: Direction | undefined;
  scoreMin?: number | undefined;
  scoreMax?: number | undefined;
  findingKind?: FindingKind[] | undefined;
  failedCriterion?: CriterionId[] | undefined;
  q?: string | undefined;
  sort: CallSortField;
  order: 'asc' | 'desc';
  limit: number;
  cursor?: string | undefined;
  withTotal: boolean;
  /** Count at most this many matching calls; `MAX_LIST_TOTAL` by default. Exports count up to their row limit. */
  maxTotal?: number | undefined;
}

/** A list row: the stored summary, with the start as the source gave it, as on the call page. */
export type CallSummaryItem = Omit<CallSummary, 'startedAtSource'> & { startedAtUtc: string | null };

export interface CallListResult {
  items: CallSummaryItem[];
  total: number | null;
  /** True when more than `MAX_LIST_TOTAL` calls match and `total` is that limit. */
  totalCapped: boolean;
  nextCursor: string | null;
  /** Each word of the search as it reads to a user: its lemma, or its lemmas joined by «или». */
  searchLemmas: string[];
}

export interface ClientCallView {
  id: string;
  /** As the source gave it, like the call page's start. */
  startedAt: string | null;
  startedAtUtc: string | null;
  direction: Direction | null;
  durationSec: number | null;
  manager: { id: number; name: string } | null;
  score: number | null;
}

export interface CallDetailView {
  call: {
    id: string;
    externalId: string | null;
    source: string;
    startedAt: string | null;
    startedAtUtc: string | null;
    durationSec: number | null;
    direction: Direction | null;
    manager: { id: number; name: string } | null;
    team: { id: number; name: string } | null;
    client: { name: string | null; phone: string | null } | null;
    transcriptFormat: string;
    roles: StoredCall['transcript']['roles'];
    warnings: SourceWarning[];
  };
  turns: Omit<Turn, 'words'>[];
  audio: { available: boolean; url: string | null; durationSec: number | null };
  evaluation: EvaluationView | null;
  evaluationHistory: { id: number; checklist: { id: string; version: number }; score: number | null; current: boolean; createdAt: string }[];
  reviewHistory: ReviewEventView[];
  disputes: DisputeView[];
  otherCalls: ClientCallView[];
}

/**
 * The list counts matching calls up to this many and shows more as «более 10 000». An exact count reads
 * every match: a word in two thirds of 1,000,000 synthetic calls took 0.4–0.5 s on SQLite
 * (bench/data-list.ts on 2 cores).
 */
export const MAX_LIST_TOTAL = 10_000;

/** Most other calls of a client a call page lists. */
const MAX_OTHER_CALLS = 50;

/** Lists and reads calls within what the viewer may see. */
export class CallQueryService {
  constructor(private readonly deps: { database: Database; morphology: () => Promise<Morphology> }) {}

  /** Lists calls by the request's filters, narrowed to the viewer's calls; the text search matches any word form. */
  async listCalls(viewer: Viewer, request: CallListRequest): Promise<CallListResult> {
    if (request.scoreMin !== undefined && request.scoreMax !== undefined && request.scoreMin > request.scoreMax) {
      throw new AppError('INVALID_INPUT', `Нижняя граница оценки (${request.scoreMin}) больше верхней (${request.scoreMax}): поменяйте их местами.`);
    }
    const words = request.q === undefined || request.q === '' ? [] : buildSearchLemmas(request.q, await this.deps.morphology());
    const searchLemmas = words.map(searchWordLabel);
    const filter = restrictFilter(toFilter(request, words), callScopeOf(viewer));
    if (filter === null) {
      return { items: [], total: request.withTotal ? 0 : null, totalCapped: false, nextCursor: null, searchLemmas };
    }
    const page = await this.deps.database.calls.listCalls(
      filter,
      { field: request.sort, direction: request.order },
      { limit: request.limit, withTotal: request.withTotal, maxTotal: request.maxTotal ?? MAX_LIST_TOTAL, ...(request.cursor === undefined ? {} : { cursor: request.cursor }) },
    );
    return { ...page, items: page.items.map(toListItem), searchLemmas };
  }

  /** Loads one call with everything its page shows. Another's call reads as missing. */
  async getCall(viewer: Viewer, callId: string): Promise<CallDetailView> {
    const { database } = this.deps;
    const stored = await loadVisibleCall(database, viewer, callId);
    const review = await buildReviewState(database, callId);
    const history = await database.evaluations.listHistory(callId);
    const { transcript } = stored;
    return {
      call: {
        id: transcript.call.id,
        externalId: transcript.call.externalId,
        source: transcript.call.source,
        startedAt: transcript.call.startedAt,
        startedAtUtc: stored.startedAtUtc,
        durationSec: transcript.call.durationSec,
        direction: transcript.call.direction,
        manager: stored.managerId === null || stored.managerName === null ? null : { id: stored.managerId, name: stored.managerName },
        team: stored.teamId === null || stored.teamName === null ? null : { id: stored.teamId, name: stored.teamName },
        client: transcript.call.client,
        transcriptFormat: transcript.format,
        roles: transcript.roles,
        warnings: transcript.warnings,
      },
      turns: transcript.turns.map(withoutWords),
      audio: {
        available: stored.audio !== null,
        url: stored.audio === null ? null : `/api/v1/calls/${encodeURIComponent(callId)}/audio`,
        durationSec: stored.audio?.durationSec ?? null,
      },
      evaluation: review.evaluation,
      evaluationHistory: history.map((record) => ({
        id: record.id,
        checklist: record.checklist,
        score: record.score,
        current: record.current,
        createdAt: record.createdAt,
      })),
      reviewHistory: review.reviewHistory,
      disputes: review.disputes,
      otherCalls: await this.otherCalls(viewer, callId),
    };
  }

  /** Loads the call's evaluation with reviewers' decisions, its review history and disputes. */
  async reviewState(viewer: Viewer, callId: string): Promise<CallReviewState> {
    await loadVisibleCall(this.deps.database, viewer, callId);
    return buildReviewState(this.deps.database, callId);
  }

  /** Other analysed calls of the call's client that the viewer may see, newest first. */
  private async otherCalls(viewer: Viewer, callId: string): Promise<ClientCallView[]> {
    const { clients } = this.deps.database;
    const client = await clients.clientOfCall(callId);
    if (client === undefined) {
      return [];
    }
    const scope = callScopeOf(viewer);
    const visible = new Set(
      (await clients.listClientCalls([client.id])).filter((call) => call.callId !== callId && canSeeCall(scope, call)).map((call) => call.callId),
    );
    const contacts = await clients.listContacts(client.id);
    return contacts
      .filter((contact) => contact.kind === 'call' && visible.has(contact.id))
      .reverse()
      .slice(0, MAX_OTHER_CALLS)
      .map((contact) => ({
        id: contact.id,
        startedAt: contact.startedAtSource,
        startedAtUtc: contact.startedAt,
        direction: contact.direction as Direction | null,
        durationSec: contact.durationSec,
        manager: contact.managerId === null || contact.managerName === null ? null : { id: contact.managerId, name: contact.managerName },
        score: contact.score,
      }));
  }
}

function toListItem(summary: CallSummary): CallSummaryItem {
  const { startedAtSource, ...rest } = summary;
  return { ...rest, startedAt: startedAtSource, startedAtUtc: summary.startedAt };
}

/** Drops the turn's word timings, which the call page does not use and which would multiply its size. */
function withoutWords(turn: Turn): Omit<Turn, 'words'> {
  const copy: Turn = { ...turn };
  delete copy.words;
  return copy;
}

function toFilter(request: CallListRequest, searchLemmas: readonly SearchWord[]): CallFilter {
  const filter: CallFilter = {};
  if (request.from !== undefined) filter.startedFrom = request.from;
  if (request.to !== undefined) filter.startedTo = request.to;
  if (request.managerId !== undefined) filter.managerIds = request.managerId;
  if (request.teamId !== undefined) filter.teamIds = request.teamId;
  if (request.direction !== undefined) filter.direction = request.direction;
  if (request.scoreMin !== undefined) filter.scoreMin = request.scoreMin;
  if (request.scoreMax !== undefined) filter.scoreMax = request.scoreMax;
  if (request.findingKind !== undefined) filter.findingKinds = request.findingKind;
  if (request.failedCriterion !== undefined) filter.failedCriteria = request.failedCriterion;
  if (searchLemmas.length > 0) filter.searchLemmas = searchLemmas;
  return filter;
}
