import type { Checklist } from '../../core/model/checklist.ts';
import type { Evaluation } from '../../core/model/evaluation.ts';
import type { Morphology } from '../../core/text/morphology.ts';
import type { CallFilter, CallSort, Database } from '../../data/index.ts';
import { toInstant } from '../../data/time.ts';
import type { JobContext, JobQueue } from '../../jobs/job-queue.ts';
import type { JobPayload, ReevaluateCallsResult } from '../../jobs/job-types.ts';
import { AppError } from '../../lib/app-error.ts';
import { countOf } from '../../lib/russian-format.ts';
import { isSameEvaluation, outcomeChange } from './evaluation-equality.ts';
import { evaluateStoredCall } from './stored-call-evaluation.ts';

export interface ReevaluationRequest {
  checklistId: string;
  /** Version to evaluate with; the latest stored one when omitted. */
  checklistVersion?: number;
  /** Calls that started at or after this ISO date or time; a bare date is midnight in the configured zone. */
  since: string;
  managerId?: number | null;
  teamId?: number | null;
}

export interface StartedReevaluation {
  jobId: string;
  /** False when the same re-evaluation was already queued or running and that job is returned. */
  created: boolean;
  checklist: { id: string; version: number };
}

export interface ReevaluationDeps {
  database: Database;
  queue: JobQueue;
  morphology: () => Promise<Morphology>;
  timeZone: string;
  /** Calls loaded, evaluated and saved together (default 100). */
  batchSize?: number;
}

/** The parts of the running job that a re-evaluation uses. */
export type ReevaluationJob = Pick<JobContext, 'id' | 'signal' | 'reportProgress' | 'logger'>;

/** Failures listed in a result; the count covers the rest. */
const MAX_LISTED_FAILURES = 100;

/** Oldest first, so calls stored during the run come last and the cursor passes each call once. */
const OLDEST_FIRST: CallSort = { field: 'startedAt', direction: 'asc' };

/**
 * Re-evaluates stored calls with a checklist version as a background job, after the checklist
 * changed. Each call's new evaluation becomes its current one; earlier ones stay in its history.
 */
export class ReevaluationService {
  private readonly batchSize: number;

  constructor(private readonly deps: ReevaluationDeps) {
    this.batchSize = deps.batchSize ?? 100;
  }

  /** Checks the request and queues the job; the same request while it is queued or running returns that job. */
  async start(request: ReevaluationRequest, requestedBy: string | null): Promise<StartedReevaluation> {
    const { database } = this.deps;
    const checklist = request.checklistVersion === undefined
      ? await database.checklists.getLatest(request.checklistId)
      : await database.checklists.getVersion(request.checklistId, request.checklistVersion);
    if (checklist === undefined) {
      const version = request.checklistVersion === undefined ? '' : ` версии ${request.checklistVersion}`;
      throw new AppError('NOT_FOUND', `Чек-лист «${request.checklistId}»${version} не найден.`);
    }
    const since = toInstant(request.since, this.deps.timeZone);
    if (since === null) {
      throw new AppError('VALIDATION_FAILED', `Дата «${request.since}» не распознана: укажите дату ГГГГ-ММ-ДД или время ISO 8601.`);
    }
    const managerId = request.managerId ?? null;
    const teamId = request.teamId ?? null;
    await this.assertFilterExists(managerId, teamId);

    const payload: JobPayload<'reevaluate-calls'> = { checklistId: checklist.id, checklistVersion: checklist.version, since: request.since, managerId, teamId };
    const key = ['reevaluate', checklist.id, checklist.version, since, managerId ?? '-', teamId ?? '-'].join(':');
    const job = await this.deps.queue.enqueue({ name: 'reevaluate-calls', payload }, { key, ...(requestedBy === null ? {} : { requestedBy }) });
    return { jobId: job.id, created: job.created, checklist: { id: checklist.id, version: checklist.version } };
  }

  /**
   * Runs the re-evaluation in batches, reporting progress after each. A call whose current evaluation
   * is already the same is left alone, so a second run (or a retry after a crash) adds nothing.
   */
  async run(payload: JobPayload<'reevaluate-calls'>, job: ReevaluationJob): Promise<ReevaluateCallsResult> {
    const { database } = this.deps;
    const checklist = await database.checklists.getVersion(payload.checklistId, payload.checklistVersion);
    if (checklist === undefined) {
      throw new AppError('NOT_FOUND', `Чек-лист «${payload.checklistId}» версии ${payload.checklistVersion} не найден.`);
    }
    const morphology = await this.deps.morphology();
    // The date means midnight where the request was made, whatever zone the store reads bare dates in.
    const filter: CallFilter = {
      startedFrom: toInstant(payload.since, this.deps.timeZone) ?? payload.since,
      managerIds: payload.managerId === null ? [] : [payload.managerId],
      teamIds: payload.teamId === null ? [] : [payload.teamId],
    };

    let page = await database.calls.listCalls(filter, OLDEST_FIRST, { limit: this.batchSize, withTotal: true });
    const result: ReevaluateCallsResult = { total: page.total ?? 0, reevaluated: 0, scoreChanged: 0, verdictsChanged: 0, unchanged: 0, failures: [], failureCount: 0 };
    let done = 0;
    await job.reportProgress({ done, total: result.total, message: progressLine(done, result.total) });
    job.logger.info({ total: result.total, checklist: `${checklist.id}@${checklist.version}` }, 're-evaluation started');

    for (;;) {
      job.signal.throwIfAborted();
      await this.reevaluateBatch(page.items.map((item) => item.id), checklist, morphology, result, job);
      done += page.items.length;
      // Calls stored during the run may raise the count above the total counted at the start.
      result.total = Math.max(result.total, done);
      await job.reportProgress({ done, total: result.total, message: progressLine(done, result.total) });
      if (page.nextCursor === null) {
        break;
      }
      page = await database.calls.listCalls(filter, OLDEST_FIRST, { limit: this.batchSize, cursor: page.nextCursor, withTotal: false });
    }
    job.logger.info({ reevaluated: result.reevaluated, scoreChanged: result.scoreChanged, verdictsChanged: result.verdictsChanged, unchanged: result.unchanged, failed: result.failureCount }, 're-evaluation finished');
    return result;
  }

  private async reevaluateBatch(callIds: readonly string[], checklist: Checklist, morphology: Morphology, result: ReevaluateCallsResult, job: ReevaluationJob): Promise<void> {
    const { database } = this.deps;
    const changed: Evaluation[] = [];
    const previous = new Map<string, Evaluation | null>();
    for (const callId of callIds) {
      const stored = await database.calls.getCall(callId);
      if (stored === undefined) {
        // Deleted since the page was read.
        continue;
      }
      let evaluation: Evaluation;
      try {
        evaluation = evaluateStoredCall(stored, checklist, morphology);
      } catch (error) {
        job.logger.error({ err: error, callId }, 're-evaluating a call failed');
        recordFailure(result, callId, 'оценка звонка не удалась: подробности в журнале обработчика задач');
        continue;
      }
      if (stored.evaluation !== null && isSameEvaluation(stored.evaluation, evaluation)) {
        result.unchanged += 1;
      } else {
        changed.push(evaluation);
        previous.set(callId, stored.evaluation);
      }
    }
    const changes = await database.transaction(async (repositories) => {
      // Where reviewers made decisions, lists show the evaluation with them applied, so the comparison does too.
      const reviewed = await repositories.reviews.callsWithOverrides(changed.map((evaluation) => evaluation.call.id));
      for (const callId of reviewed) {
        previous.set(callId, (await repositories.reviews.currentReview(callId))?.reviewed.evaluation ?? null);
      }
      // The evaluations repository applies reviewers' decisions to each saved evaluation in the same
      // transaction: those whose criterion or finding still exists count, the others stay visible as stale.
      await repositories.evaluations.saveEvaluations(changed);
      const reviewedNow = new Map<string, Evaluation>();
      for (const callId of reviewed) {
        const current = await repositories.reviews.currentReview(callId);
        if (current !== undefined) {
          reviewedNow.set(callId, current.reviewed.evaluation);
        }
      }
      return changed.map((evaluation) => outcomeChange(previous.get(evaluation.call.id) ?? null, reviewedNow.get(evaluation.call.id) ?? evaluation));
    });
    result.reevaluated += changed.length;
    for (const change of changes) {
      if (change === 'score') {
        result.scoreChanged += 1;
      } else if (change === 'verdicts') {
        result.verdictsChanged += 1;
      } else {
        result.unchanged += 1;
      }
    }
  }

  private async assertFilterExists(managerId: number | null, teamId: number | null): Promise<void> {
    const { managers } = this.deps.database;
    if (managerId !== null && (await managers.getManager(managerId)) === undefined) {
      throw new AppError('NOT_FOUND', `Менеджер с номером ${managerId} не найден.`);
    }
    if (teamId !== null && !(await managers.listTeams()).some((team) => team.id === teamId)) {
      throw new AppError('NOT_FOUND', `Команда с номером ${teamId} не найдена.`);
    }
  }
}

function recordFailure(result: ReevaluateCallsResult, callId: string, message: string): void {
  result.failureCount += 1;
  if (result.failures.length < MAX_LISTED_FAILURES) {
    result.failures.push({ callId, message });
  }
}

function progressLine(done: number, total: number): string {
  return `Переоценка: ${done} из ${countOf(total, ['звонка', 'звонков', 'звонков'])}`;
}
