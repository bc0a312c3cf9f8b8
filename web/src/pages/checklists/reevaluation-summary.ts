import type { z } from 'zod';

import type { reevaluateCallsResultSchema } from '../../../../src/server/schemas/jobs.schemas.ts';

import { countOf, formatNumber } from '../../format/russian-format.ts';

const CALL_FORMS = ['звонок', 'звонка', 'звонков'] as const;

type ReevaluationResult = z.infer<typeof reevaluateCallsResultSchema>;

/**
 * Describes a finished re-evaluation from the job's result: how many calls got another score, how many
 * kept the score with other verdicts or findings, and how many stayed as they were. A result without
 * these counts (a job of an earlier okk version) or no result falls back to the number of calls done.
 */
export function reevaluationSummary(result: unknown, done: number): string {
  const summary = result as Partial<ReevaluationResult> | null;
  if (summary?.total === undefined || summary.scoreChanged === undefined || summary.verdictsChanged === undefined || summary.unchanged === undefined) {
    return `Готово: переоценено ${countOf(done, CALL_FORMS)}`;
  }
  const parts = [`Балл изменился у ${formatNumber(summary.scoreChanged)}`];
  if (summary.verdictsChanged > 0) {
    parts.push(`при прежнем балле изменились вердикты или замечания у ${formatNumber(summary.verdictsChanged)}`);
  }
  parts.push(`без изменений ${formatNumber(summary.unchanged)}`);
  const failed = summary.failureCount ?? 0;
  if (failed > 0) {
    parts.push(`не удалось переоценить ${formatNumber(failed)}`);
  }
  return `Готово, проверено ${countOf(summary.total, CALL_FORMS)}. ${parts.join(', ')}.`;
}
