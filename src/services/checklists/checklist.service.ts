import { isDeepStrictEqual } from 'node:util';

import type { Checklist } from '../../core/model/checklist.ts';
import type { ChecklistVersion, Database } from '../../data/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Logger } from '../../lib/logger.ts';
import { requireRole } from '../accounts/access.ts';
import type { Viewer } from '../accounts/access.ts';

export interface ChecklistDetailView {
  checklist: Checklist;
  versions: ChecklistVersion[];
  active: boolean;
}

/** Starts a background re-evaluation; the job queue's re-evaluation service implements it. */
export interface ReevaluationStarter {
  start(
    request: { checklistId: string; checklistVersion?: number; since: string },
    requestedBy: string | null,
  ): Promise<{ jobId: string; created: boolean; checklist: { id: string; version: number } }>;
}

export interface ReevaluationView {
  jobId: string;
  created: boolean;
  checklist: { id: string; version: number };
  since: string;
}

const MANAGE_CHECKLISTS = 'менять чек-листы и запускать переоценку';

/**
 * Checklists and their versions. Every save is a new version, so evaluations keep pointing at the
 * version they were made with. Calls already evaluated change only when a re-evaluation is started.
 */
export class ChecklistService {
  constructor(
    private readonly deps: {
      database: Database;
      logger: Logger;
      /** The checklist new calls are evaluated with. */
      activeChecklist: () => Promise<Checklist>;
      /** Null while no job queue runs in this process; starting a re-evaluation then fails with UNAVAILABLE. */
      reevaluation: ReevaluationStarter | null;
    },
  ) {}

  /** The latest version of every checklist. Everyone signed in may read checklists: they explain the scores. */
  async listChecklists(): Promise<{ items: (ChecklistVersion & { active: boolean })[] }> {
    const active = await this.deps.activeChecklist();
    const latest = await this.deps.database.checklists.listLatest();
    return { items: latest.map((version) => ({ ...version, active: version.id === active.id })) };
  }

  /** A checklist in its latest version, or in `version`, with the list of its versions. */
  async getChecklist(id: string, version?: number): Promise<ChecklistDetailView> {
    const { checklists } = this.deps.database;
    const checklist = version === undefined ? await checklists.getLatest(id) : await checklists.getVersion(id, version);
    if (checklist === undefined) {
      throw new AppError('NOT_FOUND', version === undefined ? `Чек-лист «${id}» не найден.` : `Версия ${version} чек-листа «${id}» не найдена.`);
    }
    const active = await this.deps.activeChecklist();
    return { checklist, versions: await checklists.listVersions(id), active: active.id === id };
  }

  /**
   * Saves the checklist as its next version. `checklist.version` must be the latest stored version, the
   * one the edit started from. An older one means someone saved in between, so the save is rejected with
   * CONFLICT. A save identical to the latest version stores nothing and returns it.
   */
  async saveChecklist(viewer: Viewer, id: string, checklist: Checklist): Promise<ChecklistDetailView> {
    requireRole(viewer, ['admin'], MANAGE_CHECKLISTS);
    if (checklist.id !== id) {
      throw new AppError('INVALID_INPUT', `Идентификатор чек-листа в теле запроса («${checklist.id}») не совпадает с адресом («${id}»).`);
    }
    const { checklists } = this.deps.database;
    const latest = await checklists.getLatest(id);
    if (latest !== undefined && checklist.version !== latest.version) {
      throw new AppError(
        'CONFLICT',
        `Чек-лист «${id}» уже изменён: последняя версия ${latest.version}, а правка начата с версии ${checklist.version}. Откройте последнюю версию и повторите правку.`,
      );
    }
    if (latest !== undefined && isDeepStrictEqual({ ...latest, version: 0 }, { ...checklist, version: 0 })) {
      return this.getChecklist(id);
    }
    const saved = await checklists.saveChecklist(checklist);
    this.deps.logger.info({ checklistId: id, version: saved.version, userId: viewer.userId }, 'checklist saved');
    return this.getChecklist(id, saved.version);
  }

  /** Queues re-evaluation of the calls that started since `since` with the checklist (latest version unless given). */
  async startReevaluation(viewer: Viewer, id: string, request: { since: string; version?: number | undefined }): Promise<ReevaluationView> {
    requireRole(viewer, ['admin'], MANAGE_CHECKLISTS);
    const { reevaluation } = this.deps;
    if (reevaluation === null) {
      throw new AppError('UNAVAILABLE', 'Очередь задач не запущена: переоценку сейчас начать нельзя. Запустите okk serve или okk worker с очередью задач.');
    }
    const started = await reevaluation.start(
      { checklistId: id, since: request.since, ...(request.version === undefined ? {} : { checklistVersion: request.version }) },
      viewer.userId === null ? null : String(viewer.userId),
    );
    this.deps.logger.info({ checklistId: id, jobId: started.jobId, created: started.created, userId: viewer.userId }, 're-evaluation requested');
    return { jobId: started.jobId, created: started.created, checklist: started.checklist, since: request.since };
  }
}
