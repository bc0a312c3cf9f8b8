import type { CriterionResult, FindingKind } from '../core/model/evaluation.ts';
import { FINDING_KINDS } from '../core/model/evaluation.ts';
import { applyFilter } from './call-filter.ts';
import type { CallFilter } from './call-filter.ts';
import type { DataContext } from './data-context.ts';
import { readNumber } from './sql-dialect.ts';

export interface ManagerSummary {
  /** Null for the calls saved without a manager. */
  manager: { id: number; name: string } | null;
  /** The manager's current team. */
  team: { id: number; name: string } | null;
  calls: number;
  evaluatedCalls: number;
  /** Mean score of the evaluated calls that have one, or null when none has. */
  averageScore: number | null;
  /** Findings of the current evaluations, by kind; kinds with none are left out. */
  findings: Partial<Record<FindingKind, number>>;
}

export interface FindingImpact {
  kind: FindingKind;
  /** Evaluated calls with at least one finding of this kind. */
  callsWith: number;
  averageScoreWith: number | null;
  callsWithout: number;
  averageScoreWithout: number | null;
}

export interface CriterionSummary {
  criterionId: string;
  results: Record<CriterionResult, number>;
}

/** Aggregates for reports over the calls that match a list filter, from their current evaluations. */
export class ReportRepository {
  constructor(private readonly context: DataContext) {}

  /** Calls, evaluated calls, mean score and findings by kind for each manager, by manager name. */
  async managerSummaries(filter: CallFilter = {}): Promise<ManagerSummary[]> {
    const { db } = this.context;
    const totals = await applyFilter(this.context, db.selectFrom('calls'), filter)
      .leftJoin('managers', 'managers.id', 'calls.manager_id')
      .leftJoin('teams', 'teams.id', 'managers.team_id')
      .select((eb) => [
        'calls.manager_id',
        'managers.name as manager_name',
        'managers.name_key',
        'teams.id as team_id',
        'teams.name as team_name',
        eb.fn.countAll().as('calls'),
        eb.fn.count('calls.evaluated_at').as('evaluated'),
        eb.fn.count('calls.score').as('scored'),
        eb.fn.sum('calls.score').as('score_sum'),
      ])
      .groupBy(['calls.manager_id', 'managers.name', 'managers.name_key', 'teams.id', 'teams.name'])
      .orderBy('managers.name_key', (order) => order.asc().nullsLast())
      .execute();

    const findings = await applyFilter(this.context, db.selectFrom('calls'), filter)
      .innerJoin('findings', 'findings.call_id', 'calls.id')
      .select((eb) => ['calls.manager_id', 'findings.kind', eb.fn.countAll().as('count')])
      .groupBy(['calls.manager_id', 'findings.kind'])
      .execute();
    const findingsByManager = new Map<number | null, Partial<Record<FindingKind, number>>>();
    for (const row of findings) {
      const counts = findingsByManager.get(row.manager_id) ?? {};
      counts[row.kind as FindingKind] = readNumber(row.count) ?? 0;
      findingsByManager.set(row.manager_id, counts);
    }

    return totals.map((row) => ({
      manager: row.manager_id === null || row.manager_name === null ? null : { id: row.manager_id, name: row.manager_name },
      team: row.team_id === null || row.team_name === null ? null : { id: row.team_id, name: row.team_name },
      calls: readNumber(row.calls as string | number) ?? 0,
      evaluatedCalls: readNumber(row.evaluated as string | number) ?? 0,
      averageScore: mean(row.score_sum as string | number | null, row.scored as string | number),
      findings: findingsByManager.get(row.manager_id) ?? {},
    }));
  }

  /**
   * For each finding kind, how many evaluated calls have it and their mean score, against the evaluated
   * calls without it: the gap shows what each behaviour costs.
   */
  async findingImpact(filter: CallFilter = {}): Promise<FindingImpact[]> {
    const { db } = this.context;
    const evaluated = () => applyFilter(this.context, db.selectFrom('calls'), filter).where('calls.evaluated_at', 'is not', null);

    const total = await evaluated()
      .select((eb) => [eb.fn.countAll().as('calls'), eb.fn.count('calls.score').as('scored'), eb.fn.sum('calls.score').as('score_sum')])
      .executeTakeFirstOrThrow();
    const byKind = await evaluated()
      .innerJoin(
        (eb) => eb.selectFrom('findings').select(['findings.call_id', 'findings.kind']).distinct().as('kinds'),
        (join) => join.onRef('kinds.call_id', '=', 'calls.id'),
      )
      .select((eb) => ['kinds.kind', eb.fn.countAll().as('calls'), eb.fn.count('calls.score').as('scored'), eb.fn.sum('calls.score').as('score_sum')])
      .groupBy('kinds.kind')
      .execute();

    const totalCalls = readNumber(total.calls) ?? 0;
    const totalScored = readNumber(total.scored) ?? 0;
    const totalSum = readNumber(total.score_sum) ?? 0;
    const rows = new Map(byKind.map((row) => [row.kind, row]));
    const kinds = [...FINDING_KINDS, ...[...rows.keys()].filter((kind) => !(FINDING_KINDS as readonly string[]).includes(kind))];

    return kinds.map((kind) => {
      const row = rows.get(kind);
      const callsWith = readNumber((row?.calls ?? 0)) ?? 0;
      const scoredWith = readNumber((row?.scored ?? 0)) ?? 0;
      const sumWith = readNumber((row?.score_sum ?? null)) ?? 0;
      return {
        kind: kind as FindingKind,
        callsWith,
        averageScoreWith: scoredWith === 0 ? null : sumWith / scoredWith,
        callsWithout: totalCalls - callsWith,
        averageScoreWithout: totalScored - scoredWith === 0 ? null : (totalSum - sumWith) / (totalScored - scoredWith),
      };
    });
  }

  /** Counts how often each criterion passed, failed or did not apply in the current evaluations. */
  async criterionSummary(filter: CallFilter = {}): Promise<CriterionSummary[]> {
    const rows = await applyFilter(this.context, this.context.db.selectFrom('calls'), filter)
      .innerJoin('evaluation_criteria', 'evaluation_criteria.call_id', 'calls.id')
      .select((eb) => ['evaluation_criteria.criterion_id', 'evaluation_criteria.result', eb.fn.countAll().as('count')])
      .groupBy(['evaluation_criteria.criterion_id', 'evaluation_criteria.result'])
      .orderBy('evaluation_criteria.criterion_id')
      .execute();
    const summaries = new Map<string, CriterionSummary>();
    for (const row of rows) {
      const summary = summaries.get(row.criterion_id) ?? { criterionId: row.criterion_id, results: { passed: 0, failed: 0, not_applicable: 0 } };
      summary.results[row.result as CriterionResult] = readNumber(row.count) ?? 0;
      summaries.set(row.criterion_id, summary);
    }
    return [...summaries.values()];
  }
}

function mean(sum: string | number | null, count: string | number): number | null {
  const scored = readNumber(count) ?? 0;
  return scored === 0 ? null : (readNumber(sum) ?? 0) / scored;
}
