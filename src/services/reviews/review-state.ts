import type { CurrentReview, Database, Repositories, StoredCall } from '../../data/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { callNotFound, callScopeOf, canSeeCall } from '../accounts/access.ts';
import type { Viewer } from '../accounts/access.ts';
import { evaluationView } from '../calls/evaluation-view.ts';
import type { EvaluationView } from '../calls/evaluation-view.ts';
import { disputeView, eventView } from './review-views.ts';
import type { DisputeView, ReviewEventView } from './review-views.ts';

/** A call's evaluation and review state, as returned after every review action. */
export interface CallReviewState {
  callId: string;
  evaluation: EvaluationView | null;
  reviewHistory: ReviewEventView[];
  disputes: DisputeView[];
}

/** Loads a call the viewer may see; another's call reads as missing. */
export async function loadVisibleCall(database: Pick<Repositories, 'calls'>, viewer: Viewer, callId: string): Promise<StoredCall> {
  const call = await database.calls.getCall(callId);
  if (call === undefined || !canSeeCall(callScopeOf(viewer), call)) {
    throw callNotFound(callId);
  }
  return call;
}

/** Loads the call's current evaluation with decisions applied; fails with CONFLICT when it has none. */
export async function requireCurrentReview(repositories: Pick<Repositories, 'reviews'>, callId: string): Promise<CurrentReview> {
  const current = await repositories.reviews.currentReview(callId);
  if (current === undefined) {
    throw new AppError('CONFLICT', `Звонок «${callId}» ещё не оценён: проверять нечего.`);
  }
  return current;
}

/** Criterion titles of the evaluation, for history and dispute labels. */
export function criterionTitles(current: CurrentReview | undefined): Map<string, string> {
  return new Map(current?.reviewed.machine.criteria.map((criterion) => [criterion.id, criterion.title]) ?? []);
}

export async function buildReviewState(database: Pick<Database, 'reviews' | 'disputes'>, callId: string): Promise<CallReviewState> {
  const current = await database.reviews.currentReview(callId);
  const disputes = await database.disputes.listDisputes({ callId, limit: 500 });
  const events = await database.reviews.listEvents(callId);
  const titles = criterionTitles(current);
  return {
    callId,
    evaluation: current === undefined ? null : evaluationView({ id: current.evaluationId, createdAt: current.createdAt }, current.reviewed, disputes),
    reviewHistory: events.map((event) => eventView(event, titles)),
    disputes: disputes.map((dispute) => disputeView(dispute, titles)),
  };
}
