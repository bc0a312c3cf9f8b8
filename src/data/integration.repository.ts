import type { DataContext } from './data-context.ts';
import { readOptionalTimestamp } from './sql-dialect.ts';

/** One source of imported records: a PBX or CRM call log, CRM events, NPS answers or deals. */
export interface ImportSource {
  kind: 'call_log' | 'crm_events' | 'nps' | 'deals';
  /** The source's name (`asterisk`, `bitrix24`…) for call logs; null for the other kinds. */
  source: string | null;
  records: number;
  /** The latest record's time, ISO 8601. */
  latestAt: string | null;
}

/** What has been imported from outside systems, for the integrations page. */
export class IntegrationRepository {
  constructor(private readonly context: DataContext) {}

  async importSources(): Promise<ImportSource[]> {
    const db = this.context.db;
    const callLogs = await db
      .selectFrom('call_log_records')
      .select((eb) => ['source', eb.fn.countAll().as('records'), eb.fn.max('started_at').as('latest')])
      .groupBy('source')
      .orderBy('source')
      .execute();
    const sources: ImportSource[] = callLogs.map((row) => ({ kind: 'call_log', source: row.source, records: Number(row.records), latestAt: readOptionalTimestamp(row.latest) }));
    const crm = await db.selectFrom('crm_events').select((eb) => [eb.fn.countAll().as('records'), eb.fn.max('occurred_at').as('latest')]).executeTakeFirst();
    const nps = await db.selectFrom('nps_answers').select((eb) => [eb.fn.countAll().as('records'), eb.fn.max('answered_at').as('latest')]).executeTakeFirst();
    const deals = await db.selectFrom('deals').select((eb) => [eb.fn.countAll().as('records')]).executeTakeFirst();
    for (const [kind, row] of [['crm_events', crm], ['nps', nps]] as const) {
      const records = Number(row?.records ?? 0);
      if (records > 0) sources.push({ kind, source: null, records, latestAt: readOptionalTimestamp(row?.latest ?? null) });
    }
    const dealCount = Number(deals?.records ?? 0);
    if (dealCount > 0) sources.push({ kind: 'deals', source: null, records: dealCount, latestAt: null });
    return sources;
  }
}
