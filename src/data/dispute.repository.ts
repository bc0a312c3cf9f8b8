import type { CriterionResult } from '../core/model/evaluation.ts';
import { AppError } from '../lib/app-error.ts';
import type { DataContext } from './data-context.ts';
import { nowIso } from './data-context.ts';
import type { ReviewTargetType } from './review-apply.ts';
import { isUniqueViolation, readOptionalTimestamp, readTimestamp } from './sql-dialect.ts';

export type DisputeStatus = 'open' | 'accepted' | 'rejected' | 'withdrawn';

export interface StoredDispute {
  id: number;
  callId: string;
  target: ReviewTargetType;
  targetKey: string;
  requestedResult: CriterionResult | null;
  comment: string;
  status: DisputeStatus;
  openedBy: { id: number | null; name: string | null };
  resolutionComment: string | null;
  resolvedBy: { id: number | null; name: string | null } | null;
  resolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The call, with its start as the source gave it (`CallInfo.startedAt`), as the call page shows it. */
  call: { startedAt: string | null; managerId: number | null; managerName: string | null; teamId: number | null; score: number | null };
}

export interface NewDispute {
  callId: string;
  target: ReviewTargetType;
  targetKey: string;
  requestedResult: CriterionResult | null;
  comment: string;
  openedBy: { id: number; name: string };
}

export interface DisputeFilter {
  statuses?: readonly DisputeStatus[];
  callId?: string;
  /** Disputes on calls of these managers; an empty list matches nothing. */
  managerIds?: readonly number[];
  /** Disputes on calls of these teams; an empty list matches nothing. */
  teamIds?: readonly number[];
  limit: number;
}

/** Managers' disputes of verdicts, from opening to the reviewer's decision. */
export class DisputeRepository {
  constructor(private readonly context: DataContext) {}

  /** Opens a dispute. Fails with CONFLICT while another dispute on the same verdict is open. */
  async createDispute(dispute: NewDispute): Promise<number> {
    const now = nowIso();
    try {
      const row = await this.context.db
        .insertInto('disputes')
        .values({
          call_id: dispute.callId,
          target: dispute.target,
          target_key: dispute.targetKey,
          requested_result: dispute.requestedResult,
          comment: dispute.comment,
          status: 'open',
          opened_by: dispute.openedBy.id,
          opened_by_name: dispute.openedBy.name,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError('CONFLICT', 'По этой оценке уже есть открытый спор: дождитесь решения специалиста ОКК.', { cause: error });
      }
      throw error;
    }
  }

  async getDispute(id: number): Promise<StoredDispute | undefined> {
    return (await this.select().where('disputes.id', '=', id).execute()).map(toDispute)[0];
  }

  /** Disputes matching the filter, the newest first. */
  async listDisputes(filter: DisputeFilter): Promise<StoredDispute[]> {
    if (filter.managerIds?.length === 0 || filter.teamIds?.length === 0) {
      return [];
    }
    let query = this.select();
    if (filter.statuses !== undefined && filter.statuses.length > 0) {
      query = query.where('disputes.status', 'in', filter.statuses);
    }
    if (filter.callId !== undefined) {
      query = query.where('disputes.call_id', '=', filter.callId);
    }
    if (filter.managerIds !== undefined) {
      query = query.where('calls.manager_id', 'in', filter.managerIds);
    }
    if (filter.teamIds !== undefined) {
      query = query.where('calls.team_id', 'in', filter.teamIds);
    }
    const rows = await query.orderBy('disputes.id', 'desc').limit(filter.limit).execute();
    return rows.map(toDispute);
  }

  /**
   * Moves an open dispute to its final status. Returns false when the dispute is no longer open, so
   * two reviewers deciding at once do not both win.
   */
  async resolveDispute(id: number, status: Exclude<DisputeStatus, 'open'>, resolution: { comment: string | null; by: { id: number; name: string } }): Promise<boolean> {
    const now = nowIso();
    const result = await this.context.db
      .updateTable('disputes')
      .set({
        status,
        resolution_comment: resolution.comment,
        resolved_by: resolution.by.id,
        resolved_by_name: resolution.by.name,
        resolved_at: now,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  private select() {
    return this.context.db
      .selectFrom('disputes')
      .innerJoin('calls', 'calls.id', 'disputes.call_id')
      .leftJoin('managers', 'managers.id', 'calls.manager_id')
      .selectAll('disputes')
      .select(['calls.started_at_source', 'calls.manager_id', 'managers.name as manager_name', 'calls.team_id', 'calls.score']);
  }
}

type DisputeRow = Awaited<ReturnType<ReturnType<DisputeRepository['select']>['execute']>>[number];

function toDispute(row: DisputeRow): StoredDispute {
  return {
    id: row.id,
    callId: row.call_id,
    target: row.target as ReviewTargetType,
    targetKey: row.target_key,
    requestedResult: row.requested_result as CriterionResult | null,
    comment: row.comment,
    status: row.status as DisputeStatus,
    openedBy: { id: row.opened_by, name: row.opened_by_name },
    resolutionComment: row.resolution_comment,
    resolvedBy: row.resolved_at === null ? null : { id: row.resolved_by, name: row.resolved_by_name },
    resolvedAt: readOptionalTimestamp(row.resolved_at),
    createdAt: readTimestamp(row.created_at),
    updatedAt: readTimestamp(row.updated_at),
    call: {
      startedAt: row.started_at_source,
      managerId: row.manager_id,
      managerName: row.manager_name,
      teamId: row.team_id,
      score: row.score,
    },
  };
}
