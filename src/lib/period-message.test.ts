import { describe, expect, it } from 'vitest';

import { reversedPeriodMessage } from './period-message.ts';

describe('reversedPeriodMessage', () => {
  it('names the next day for one date given twice', () => {
    expect(reversedPeriodMessage('2026-12-31', '2026-12-31')).toBe(
      'Конец периода (2026-12-31) в период не входит, поэтому он должен быть позже начала. Чтобы получить один день 2026-12-31, укажите конец 2027-01-01.',
    );
  });

  it('states the order for a reversed period', () => {
    expect(reversedPeriodMessage('2026-12-05', '2026-12-01')).toBe('Начало периода (2026-12-05) должно быть раньше конца (2026-12-01).');
  });

  it('states the order for equal times', () => {
    expect(reversedPeriodMessage('2026-12-05T10:00', '2026-12-05T10:00')).toBe('Начало периода (2026-12-05T10:00) должно быть раньше конца (2026-12-05T10:00).');
  });
});
