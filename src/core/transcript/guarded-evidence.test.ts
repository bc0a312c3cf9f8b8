import { describe, expect, it } from 'vitest';

import { buildTranscript, loadEngine } from '../../../test/call-script.ts';
import { evaluateCall } from '../evaluation/evaluate-call.ts';
import type { Evaluation } from '../model/evaluation.ts';
import { guardRecognition } from './recognition-guards.ts';

/** Lists every turn an evaluation points at: criterion evidence, findings with their evidence, promises. */
function citedTurns(evaluation: Evaluation): number[] {
  const turns = [
    ...evaluation.criteria.flatMap((criterion) => criterion.evidence.map((evidence) => evidence.turn)),
    ...evaluation.findings.flatMap((finding) => [finding.turn, ...finding.evidence.map((evidence) => evidence.turn)]),
    ...evaluation.promises.map((promise) => promise.turn),
  ];
  return [...new Set(turns)].sort((a, b) => a - b);
}

// A call whose recording ends in silence that an engine filled with a looped goodbye and a looped promise,
// the way whisper repeats one line over a quiet stretch.
const LOOPED_CALL = [
  'M: добрый день компания телеком меня зовут ирина чем могу помочь',
  'C: здравствуйте у меня не работает интернет',
  'M: подскажите что именно происходит',
  'C: роутер горит красным',
  'M: я перезвоню вам завтра до обеда',
  'M: я перезвоню вам завтра до обеда',
  'M: я перезвоню вам завтра до обеда',
  'M: спасибо за звонок всего доброго',
  'M: спасибо за звонок всего доброго',
  'M: спасибо за звонок всего доброго',
];

describe('repetition loops as evidence', () => {
  it('guard marks the looped lines', () => {
    const guarded = guardRecognition(buildTranscript(LOOPED_CALL, { timed: true }));
    const looped = guarded.turns.filter((turn) => turn.flags.includes('repetition_loop')).map((turn) => turn.index);

    expect(looped).toEqual([4, 5, 6, 7, 8, 9]);
  });

  it('looped lines back no verdict, finding or promise', async () => {
    const { morphology, checklist } = await loadEngine();
    const guarded = guardRecognition(buildTranscript(LOOPED_CALL, { timed: true }));
    const evaluation = evaluateCall(guarded, checklist, { morphology, timeZone: 'Europe/Moscow' });

    expect(citedTurns(evaluation).filter((turn) => turn >= 4)).toEqual([]);
    expect(evaluation.promises).toEqual([]);
    expect(evaluation.criteria.find((criterion) => criterion.id === 'farewell')?.result).not.toBe('passed');
  });

  it('the same lines said once are evidence', async () => {
    const { morphology, checklist } = await loadEngine();
    const once = [...LOOPED_CALL.slice(0, 5), LOOPED_CALL[7] ?? ''];
    const evaluation = evaluateCall(guardRecognition(buildTranscript(once, { timed: true })), checklist, { morphology, timeZone: 'Europe/Moscow' });

    expect(evaluation.promises.map((promise) => promise.turn)).toEqual([4]);
    expect(evaluation.criteria.find((criterion) => criterion.id === 'farewell')?.result).toBe('passed');
  });
});
