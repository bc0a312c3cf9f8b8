import { AppError } from '../lib/app-error.ts';
import { requireRole } from '../services/accounts/access.ts';
import type { Viewer } from '../services/accounts/access.ts';
import type { RoleId } from '../services/accounts/roles.ts';
import type { JobProgress, JobQueue, JobState, JobStatus } from './job-queue.ts';
import type { JobName } from './job-types.ts';

/** Roles that see background jobs: those that upload calls or change checklists. Managers do not. */
export const JOB_VIEWER_ROLES: readonly RoleId[] = ['admin', 'head_of_sales', 'qa_reviewer'];

/** A background job as the API shows it. */
export interface JobView {
  id: string;
  name: JobName;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  progress: JobProgress;
  /** The handler's result once completed: the `JobResults` entry of the job's name. */
  result: unknown;
  error: string | null;
  /** Id of the user who started the job, or null for okk itself. */
  requestedBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/**
 * Progress and cancellation of background jobs for the API. Every role but `manager` may watch any
 * job, because one upload's job serves every user who uploads the same file. Only an administrator
 * cancels another user's job.
 */
export class JobStatusService {
  constructor(private readonly queue: JobQueue) {}

  async getJob(viewer: Viewer, id: string): Promise<JobView> {
    requireRole(viewer, JOB_VIEWER_ROLES, 'смотреть фоновые задачи');
    return toJobView(await this.requireJob(id));
  }

  async cancel(viewer: Viewer, id: string): Promise<JobView> {
    requireRole(viewer, JOB_VIEWER_ROLES, 'отменять фоновые задачи');
    const job = await this.requireJob(id);
    if (viewer.role !== 'admin' && job.requestedBy !== requesterId(viewer)) {
      throw new AppError('FORBIDDEN', 'Недостаточно прав: чужую задачу может отменить только администратор.');
    }
    const outcome = await this.queue.cancel(id);
    if (!outcome.ok) {
      if (outcome.reason === 'not_found') {
        throw jobNotFound(id);
      }
      throw new AppError('CONFLICT', `Задача уже завершена (${STATE_TITLES[outcome.status?.state ?? job.state]}): отменять нечего.`);
    }
    return toJobView(await this.requireJob(id));
  }

  private async requireJob(id: string): Promise<JobStatus> {
    const job = await this.queue.getJob(id);
    if (job === undefined) {
      throw jobNotFound(id);
    }
    return job;
  }
}

/** Returns the id a job records for the user who requested it. */
export function requesterId(viewer: Viewer): string | null {
  return viewer.userId === null ? null : String(viewer.userId);
}

const STATE_TITLES: Record<JobState, string> = {
  queued: 'в очереди',
  running: 'выполняется',
  retrying: 'ждёт повторной попытки',
  completed: 'выполнена',
  failed: 'завершилась ошибкой',
  cancelled: 'отменена',
};

function jobNotFound(id: string): AppError {
  return new AppError('NOT_FOUND', `Задача «${id}» не найдена: её нет или сведения о ней уже удалены.`);
}

function toJobView(job: JobStatus): JobView {
  return {
    id: job.id,
    name: job.name,
    state: job.state,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    progress: job.progress,
    result: job.result,
    error: job.error,
    requestedBy: job.requestedBy,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}
