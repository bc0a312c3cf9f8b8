import { describe, expect, it } from 'vitest';

import { reevaluationSummary } from './reevaluation-summary.ts';

const RESULT = { total: 13, reevaluated: 13, scoreChanged: 7, verdictsChanged: 0, unchanged: 6, failures: [], failureCount: 0 };

describe('reevaluationSummary', () => {
  it('counts changed and unchanged scores', () => {
    expect(reevaluationSummary(RESULT, 13)).toBe('Готово, проверено 13 звонков. Балл изменился у 7, без изменений 6.');
  });

  it('names verdict changes and failures', () => {
    const text = reevaluationSummary({ ...RESULT, scoreChanged: 5, verdictsChanged: 1, unchanged: 5, failureCount: 2 }, 13);

    expect(text).toBe('Готово, проверено 13 звонков. Балл изменился у 5, при прежнем балле изменились вердикты или замечания у 1, без изменений 5, не удалось переоценить 2.');
  });

  it('falls back to calls done for an older result', () => {
    expect(reevaluationSummary({ total: 13, reevaluated: 13, unchanged: 0, failures: [], failureCount: 0 }, 13)).toBe('Готово: переоценено 13 звонков');
  });
});
