import { describe, expect, it } from 'vitest';

import { corpusPath } from '../../../test/corpus.ts';
import { fixturePath, importInlineSingle, importSingle } from './import-test-helpers.ts';

const YANDEX = (name: string): string => corpusPath('asr-formats', 'yandex', name);

describe('Yandex SpeechKit v2 import', () => {
  it('reads the published result', async () => {
    const transcript = await importSingle(YANDEX('speechkit-v2-longRunningRecognize-ru.json'));

    expect(transcript.format).toBe('yandex-v2');
    expect(transcript.call.externalId).toBe('e03sup6d5h1q********');
    expect(transcript.turns[0]?.text).toBe('при написании хоббита толкин обращался к мотивам скандинавской мифологии древней английской поэмы беовульф');
    expect(transcript.turns[0]).toMatchObject({ channel: 0, speaker: '1', role: 'unknown', startSec: 0.88, endSec: 1.54 });
    expect(transcript.warnings).toEqual([]);
  });

  it('keeps digits in the text and spelled-out words apart', async () => {
    const transcript = await importSingle(fixturePath('yandex-v2-two-channels.json'));
    const number = transcript.turns.find((turn) => turn.text === '212-85-06');

    expect(number?.words?.map((word) => word.text).join(' ')).toBe('двести двенадцать восемьдесят пять ноль шесть');
  });

  it('reads the published digits result without words', async () => {
    const transcript = await importSingle(YANDEX('speechkit-v2-longRunningRecognize-ru-digits.json'));

    expect(transcript.turns.map((turn) => turn.text)).toEqual(['твой номер 212-85-06']);
    expect(transcript.turns[0]).toMatchObject({ startSec: null, endSec: null });
  });

  it('sorts chunks by time, keeps an echo once and gives roles by channel', async () => {
    const transcript = await importSingle(fixturePath('yandex-v2-two-channels.json'));

    expect(transcript.turns.map((turn) => [turn.role, turn.text])).toEqual([
      ['manager', 'добрый день'],
      ['client', 'здравствуйте'],
      ['manager', 'скажите номер договора'],
      ['client', '212-85-06'],
    ]);
    expect(transcript.roles.method).toBe('channel');
    expect(transcript.warnings.map((item) => item.code)).toEqual(['ECHO_REMOVED']);
  });

  it('takes the manager channel from the options', async () => {
    const transcript = await importSingle(fixturePath('yandex-v2-two-channels.json'), { managerChannel: 1 });

    expect(transcript.turns[0]).toMatchObject({ role: 'client', text: 'добрый день' });
  });

  it('reads a result without chunks as a call without speech', async () => {
    const transcript = await importSingle(fixturePath('yandex-v2-no-speech.json'));

    expect(transcript.turns).toEqual([]);
    expect(transcript.warnings.map((item) => item.code)).toEqual(['NO_SPEECH']);
    expect(transcript.warnings[0]?.message).toContain('нет речи');
  });

  it('keeps the first-listed copy of an echo heard equally well', async () => {
    const chunk = (tag: string) => ({ alternatives: [{ text: 'алло', confidence: 1, words: [{ startTime: '0.5s', endTime: '0.9s', word: 'алло', confidence: 1 }] }], channelTag: tag });
    const transcript = await importInlineSingle({ done: true, response: { chunks: [chunk('2'), chunk('1')] }, id: 'op-1' }, 'echo.json');

    expect(transcript.turns.map((turn) => turn.channel)).toEqual([1]);
  });
});

describe('Yandex SpeechKit v3 import', () => {
  it('reads the published NDJSON stream with its normalized text', async () => {
    const transcript = await importSingle(YANDEX('speechkit-v3-getRecognition-ru.ndjson'));

    expect(transcript.format).toBe('yandex-v3');
    expect(transcript.turns).toHaveLength(1);
    expect(transcript.turns[0]).toMatchObject({
      text: 'Я яндекс спичкит я могу превратить любой текст в речь теперь и вы можете',
      channel: 0,
      startSec: 0.459,
      endSec: 7.18,
      confidence: null,
    });
    expect(transcript.turns[0]?.words).toHaveLength(14);
  });

  it('reads a JSON array of results from two channels', async () => {
    const transcript = await importSingle(fixturePath('yandex-v3-two-channels.json'));

    expect(transcript.turns.map((turn) => [turn.role, turn.text, turn.overlapsTurn])).toEqual([
      ['manager', 'Добрый день, слушаю.', null],
      ['client', 'Здравствуйте, у меня 100 рублей.', 0],
    ]);
    expect(transcript.call.externalId).toBe('session-0001');
  });

  it('reads a stream without finals as a call without speech', async () => {
    const stream = '{"result":{"partial":{"alternatives":[]},"channelTag":"0"}}\n{"result":{"eouUpdate":{"timeMs":"900"},"channelTag":"0"}}\n';
    const transcript = await importInlineSingle(stream, 'silence.ndjson');

    expect(transcript.turns).toEqual([]);
    expect(transcript.warnings.map((item) => item.code)).toEqual(['NO_SPEECH']);
  });
});
