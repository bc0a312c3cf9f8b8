import type { Checklist } from '../core/model/checklist.ts';
import type { DataContext } from './data-context.ts';
import { nowIso } from './data-context.ts';
import { isUniqueViolation, readJson, readTimestamp } from './sql-dialect.ts';

export interface ChecklistVersion {
  id: string;
  version: number;
  title: string;
  createdAt: string;
}

/** Two saves of one checklist at the same moment both read the same latest version; one retries. */
const MAX_SAVE_ATTEMPTS = 5;

/** Checklists, versioned: every save stores a new version and earlier versions stay readable. */
export class ChecklistRepository {
  constructor(private readonly context: DataContext) {}

  /** Stores the checklist as its next version (1 for a new id) and returns it with that version. */
  async saveChecklist(checklist: Checklist): Promise<Checklist> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.insertNextVersion(checklist);
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= MAX_SAVE_ATTEMPTS) {
          throw error;
        }
      }
    }
  }

  /**
   * Stores the checklist as its first version unless some version exists, and returns the latest. Two
   * workers seeding the default checklist at once thus store it once, not as versions 1 and 2.
   */
  async saveFirstVersion(checklist: Checklist): Promise<Checklist> {
    const stored: Checklist = { ...checklist, version: 1 };
    await this.context.db
      .insertInto('checklists')
      .values({ id: checklist.id, version: 1, title: checklist.title, definition: this.context.dialect.json(stored), created_at: nowIso() })
      .onConflict((conflict) => conflict.columns(['id', 'version']).doNothing())
      .execute();
    const latest = await this.getLatest(checklist.id);
    if (latest === undefined) {
      throw new Error(`checklist ${checklist.id} is missing right after it was stored`);
    }
    return latest;
  }

  async getLatest(id: string): Promise<Checklist | undefined> {
    const row = await this.context.db
      .selectFrom('checklists')
      .select('definition')
      .where('id', '=', id)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? undefined : (readJson(row.definition) as Checklist);
  }

  async getVersion(id: string, version: number): Promise<Checklist | undefined> {
    const row = await this.context.db
      .selectFrom('checklists')
      .select('definition')
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return row === undefined ? undefined : (readJson(row.definition) as Checklist);
  }

  /** Every version of the checklist, the newest first. */
  async listVersions(id: string): Promise<ChecklistVersion[]> {
    const rows = await this.context.db
      .selectFrom('checklists')
      .select(['id', 'version', 'title', 'created_at'])
      .where('id', '=', id)
      .orderBy('version', 'desc')
      .execute();
    return rows.map(toVersion);
  }

  /** The latest version of every checklist, by id. */
  async listLatest(): Promise<ChecklistVersion[]> {
    const rows = await this.context.db
      .selectFrom('checklists as c')
      .select(['c.id', 'c.version', 'c.title', 'c.created_at'])
      .where((eb) =>
        eb(
          'c.version',
          '=',
          eb.selectFrom('checklists as newer').select((inner) => inner.fn.max('newer.version').as('max')).whereRef('newer.id', '=', 'c.id'),
        ),
      )
      .orderBy('c.id')
      .execute();
    return rows.map(toVersion);
  }

  private async insertNextVersion(checklist: Checklist): Promise<Checklist> {
    const { db, dialect } = this.context;
    const latest = await db
      .selectFrom('checklists')
      .select((eb) => eb.fn.max('version').as('version'))
      .where('id', '=', checklist.id)
      .executeTakeFirst();
    const version = (latest?.version ?? 0) + 1;
    const stored: Checklist = { ...checklist, version };
    await db
      .insertInto('checklists')
      .values({ id: checklist.id, version, title: checklist.title, definition: dialect.json(stored), created_at: nowIso() })
      .execute();
    return stored;
  }
}

function toVersion(row: { id: string; version: number; title: string; created_at: string | Date }): ChecklistVersion {
  return { id: row.id, version: row.version, title: row.title, createdAt: readTimestamp(row.created_at) };
}
