import type { FollowThroughSummary } from '../../reports/html-report.ts';
import type { OutcomesReport } from './outcomes.service.ts';

/** Builds the HTML report's follow-through section from the outcome figures. `callIds` are the calls the report shows. */
export function followThroughSummaryOf(report: OutcomesReport, callIds: ReadonlySet<string>): FollowThroughSummary {
  const { promises, missedCalls } = report.totals;
  return {
    promises: { kept: promises.kept, broken: promises.broken, pending: promises.pending, unverified: promises.unverified },
    missedCalls: { episodes: missedCalls.episodes, calledBack: missedCalls.calledBack, late: missedCalls.late, noCallback: missedCalls.noCallback },
    managers: report.managers
      .filter((manager) => manager.promises.kept + manager.promises.broken + manager.missedCalls.episodes > 0)
      .map((manager) => ({
        name: manager.name,
        kept: manager.promises.kept,
        broken: manager.promises.broken,
        keptRate: manager.promises.keptRate?.estimate ?? null,
        missedCalls: manager.missedCalls.episodes,
        noCallback: manager.missedCalls.noCallback + manager.missedCalls.late,
        medianCallbackMinutes: manager.missedCalls.medianCallbackSec === null ? null : manager.missedCalls.medianCallbackSec / 60,
      })),
    broken: report.promises
      .filter((promise) => promise.outcome === 'broken')
      .sort((a, b) => b.dueAt.localeCompare(a.dueAt))
      .map((promise) => ({ callId: promise.callId, manager: promise.manager, quote: promise.quote, dueText: promise.dueText, dueAt: promise.dueAt, inReport: callIds.has(promise.callId) })),
  };
}
