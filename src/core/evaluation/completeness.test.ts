import { describe, expect, it } from 'vitest';

import { buildTranscript, evaluateScript, loadEngine, resultOf } from '../../../test/call-script.ts';
import { evaluateCall } from './evaluate-call.ts';

const CALL = [
  'M: добрый день компания телеком меня зовут ирина чем могу помочь',
  'C: здравствуйте у меня не работает интернет',
  'M: подскажите что именно происходит',
  'C: роутер горит красным',
  'M: создала заявку мастер придёт завтра с десяти до двенадцати',
  'C: спасибо',
  'M: всего доброго до свидания',
];

describe('transcript completeness', () => {
  it('is complete when words fit the duration', async () => {
    const evaluation = await evaluateScript(CALL, { durationSec: 30 });
    expect(evaluation.transcript.complete).toBe(true);
    expect(evaluation.transcript.warnings).toEqual([]);
  });

  it('ends cut on a long explanation with a «да» over it', async () => {
    const evaluation = await evaluateScript([
      ...CALL.slice(0, 4),
      'M: с балансом у вас всё в порядке списание будет только в конце месяца а почему не работает интернет нужно смотреть линию я не вижу обрыва кабеля по вашему адресу и',
      'C^: да',
    ]);
    expect(resultOf(evaluation, 'farewell')).toBe('not_applicable');
    expect(resultOf(evaluation, 'next_step')).toBe('not_applicable');
  });

  it('ends cut on a long explanation after a client question', async () => {
    const evaluation = await evaluateScript([
      ...CALL.slice(0, 4),
      'C: а почему он красным горит',
      'M: Красный индикатор значит что роутер не видит сигнал от нашего оборудования, такое бывает после отключения света в доме, поэтому сначала нужно посмотреть линию с нашей стороны, а потом',
    ]);
    expect(resultOf(evaluation, 'farewell')).toBe('not_applicable');
  });

  it('is incomplete when far fewer words than the duration needs', async () => {
    const evaluation = await evaluateScript(CALL.slice(0, 4), { durationSec: 360 });
    expect(evaluation.transcript.complete).toBe(false);
    expect(evaluation.transcript.warnings.map((warning) => warning.code)).toContain('transcript_too_short');
    expect(resultOf(evaluation, 'farewell')).toBe('not_applicable');
    expect(resultOf(evaluation, 'summary')).toBe('not_applicable');
    expect(resultOf(evaluation, 'next_step')).toBe('not_applicable');
  });

  it('still passes closing criteria the transcript does show', async () => {
    const evaluation = await evaluateScript(CALL, { durationSec: 600 });
    expect(evaluation.transcript.complete).toBe(false);
    expect(resultOf(evaluation, 'farewell')).toBe('passed');
  });

  it('stays complete through a long hold when turns are timed', async () => {
    const evaluation = await evaluateScript([...CALL.slice(0, 3), '~ 150', ...CALL.slice(3)], { timed: true });
    expect(evaluation.transcript.complete).toBe(true);
    expect(resultOf(evaluation, 'farewell')).toBe('passed');
  });

  it('is incomplete when the last turn ends long before the call', async () => {
    const { morphology, checklist } = await loadEngine();
    const transcript = buildTranscript(CALL.slice(0, 4), { timed: true });
    transcript.call.durationSec = 300;
    const evaluation = evaluateCall(transcript, { ...checklist, settings: { ...checklist.settings, minWordsPerMinute: 0 } }, { morphology, timeZone: 'Europe/Moscow' });
    expect(evaluation.transcript.warnings.map((warning) => warning.code)).toEqual(['transcript_ends_early']);
    expect(resultOf(evaluation, 'farewell')).toBe('not_applicable');
  });

  it('is incomplete when the importer found the text cut at a storage limit', async () => {
    const { morphology, checklist } = await loadEngine();
    const transcript = buildTranscript(CALL.slice(0, 4));
    transcript.warnings = [{ code: 'POSSIBLY_TRUNCATED', message: 'Файл «x.json»: длина текста ровно предел ячейки Excel (32 767 символов).' }];
    const evaluation = evaluateCall(transcript, checklist, { morphology, timeZone: 'Europe/Moscow' });
    expect(evaluation.transcript.complete).toBe(false);
    expect(evaluation.transcript.warnings.map((warning) => warning.code)).toEqual(['POSSIBLY_TRUNCATED', 'transcript_truncated']);
    expect(resultOf(evaluation, 'summary')).toBe('not_applicable');
  });

  it('makes the manager criteria not applicable when the manager channel is empty', async () => {
    const evaluation = await evaluateScript(['C: алло', 'C: алло вы меня слышите', 'C: ничего не слышно']);
    expect(evaluation.criteria.every((criterion) => criterion.result === 'not_applicable')).toBe(true);
    expect(evaluation.score).toBeNull();
  });
});

describe('no speech', () => {
  it.each([
    ['no turns', []],
    ['empty turns', ['M: ', 'C: ']],
  ])('gives no score and no findings for %s', async (_case, lines) => {
    const evaluation = await evaluateScript(lines, { durationSec: 60 });
    expect(evaluation.score).toBeNull();
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.promises).toEqual([]);
    expect(evaluation.transcript.noSpeech).toBe(true);
    expect(evaluation.criteria.every((criterion) => criterion.result === 'not_applicable')).toBe(true);
  });

  it('ignores recognition garbage', async () => {
    const { morphology, checklist } = await loadEngine();
    const transcript = buildTranscript(['C: продолжение следует', 'M: спасибо за просмотр']);
    for (const turn of transcript.turns) {
      turn.flags = ['silence_text'];
    }
    const evaluation = evaluateCall(transcript, checklist, { morphology, timeZone: 'Europe/Moscow' });
    expect(evaluation.transcript.noSpeech).toBe(true);
    expect(evaluation.score).toBeNull();
  });
});
