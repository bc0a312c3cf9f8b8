import { describe, expect, it } from 'vitest';

import { buildTurns, type TurnPart } from './turn-builder.ts';

const part = (role: 'manager' | 'client', startSec: number, endSec: number, text: string, confidence: number | null = null): TurnPart => ({
  role, startSec, endSec, text, confidence, words: [], channel: role === 'manager' ? 0 : 1, speaker: null,
});

describe('buildTurns', () => {
  it('joins parts of one party and orders by time', () => {
    const turns = buildTurns([part('client', 6, 8, 'Здравствуйте.'), part('manager', 0, 2, 'Добрый день,', 0.8), part('manager', 2.5, 4, 'компания Ромашка.', 0.6)]);
    expect(turns.map((turn) => [turn.index, turn.role, turn.text])).toEqual([
      [0, 'manager', 'Добрый день, компания Ромашка.'],
      [1, 'client', 'Здравствуйте.'],
    ]);
    expect(turns[0]?.startSec).toBe(0);
    expect(turns[0]?.endSec).toBe(4);
    expect(turns[0]?.confidence).toBeCloseTo((0.8 * 2 + 0.6 * 1.5) / 3.5);
  });

  it('records who talked over whom', () => {
    const turns = buildTurns([part('client', 0, 6, 'Я уже третий раз звоню'), part('manager', 4, 7, 'Подождите, я объясню')]);
    expect(turns[1]?.overlapsTurn).toBe(0);
    expect(turns[0]?.overlapsTurn).toBeNull();
  });

  it('splits a party at long pauses', () => {
    const turns = buildTurns([part('manager', 0, 2, 'Минуту.'), part('manager', 10, 12, 'Спасибо за ожидание.')]);
    expect(turns.length).toBe(2);
  });
});
