import { describe, expect, it } from 'vitest';

import { corpusPath } from '../../../test/corpus.ts';
import { expectImported, importInline, importInlineSingle, importSingle } from './import-test-helpers.ts';

const LABELLED_SRT = `1
00:00:00,500 --> 00:00:02,000
Менеджер: Добрый день, компания «Ромашка».

2
00:00:02,100 --> 00:00:04,000
[SPEAKER_01]: Здравствуйте, я по поводу заказа.

3
00:00:03,500 --> 00:00:05,000
SPEAKER_00: Да, слушаю вас.

4
00:00:05,200 --> 00:00:06,000
Спасибо.
`;

describe('SRT import', () => {
  it('reads speaker labels of each form', async () => {
    const transcript = await importInlineSingle(LABELLED_SRT, 'call.srt');

    expect(transcript.format).toBe('srt');
    expect(transcript.turns.map((turn) => [turn.role, turn.speaker, turn.text])).toEqual([
      ['manager', 'Менеджер', 'Добрый день, компания «Ромашка».'],
      ['unknown', 'SPEAKER_01', 'Здравствуйте, я по поводу заказа.'],
      ['unknown', 'SPEAKER_00', 'Да, слушаю вас.'],
      ['unknown', null, 'Спасибо.'],
    ]);
    expect(transcript.turns[2]).toMatchObject({ startSec: 3.5, endSec: 5, overlapsTurn: 1 });
  });

  it('reads the real whisper.cpp SRT without speakers', async () => {
    const transcript = await importSingle(corpusPath('asr-formats', 'srt-whisper-cpp-loops', 'meeting-ca-repetition-loop.srt'));

    expect(transcript.turns.length).toBeGreaterThan(70);
    expect(transcript.turns.every((turn) => turn.role === 'unknown' && turn.speaker === null)).toBe(true);
    expect(transcript.turns[0]).toMatchObject({ startSec: 646.26, endSec: 652.76 });
  });

  it('shifts the times of chunks that restart at zero', async () => {
    const chunk = await importSingle(corpusPath('asr-formats', 'srt-whisper-cpp-loops', 'chunk-times-restart-at-zero.srt'));
    const lastEnd = chunk.turns.at(-1)?.endSec ?? 0;
    const twoChunks = `${LABELLED_SRT}\n5\n00:00:00,000 --> 00:00:01,000\nКлиент: Алло?\n`;
    const transcript = await importInlineSingle(twoChunks, 'merged.srt');

    expect(lastEnd).toBeGreaterThan(0);
    expect(transcript.turns.at(-1)).toMatchObject({ text: 'Алло?', startSec: 6, endSec: 7 });
    expect(transcript.warnings.map((item) => item.code)).toContain('TIMES_RESTART');
  });

  it('skips a cue with broken times and says so', async () => {
    const outcome = expectImported(await importInline(`${LABELLED_SRT}\n5\n00:00:07,000 --> 00:00:0x,000\nКлиент: Пока.\n`, 'broken.srt'));

    expect(outcome.transcripts[0]?.turns).toHaveLength(4);
    expect(outcome.transcripts[0]?.warnings.map((item) => item.code)).toContain('CUES_SKIPPED');
  });
});

describe('WebVTT import', () => {
  it('reads voice spans, several in one cue', async () => {
    const vtt = `WEBVTT

NOTE запись звонка

00:01.000 --> 00:03.000 align:start
<v Менеджер>Добрый <b>день</b>!</v>

intro
00:00:03.000 --> 00:00:05.000
<v.loud Клиент Иван>Алло?
<v Менеджер>Да, слышу вас.
`;
    const transcript = await importInlineSingle(vtt, 'call.vtt');

    expect(transcript.format).toBe('webvtt');
    expect(transcript.turns.map((turn) => [turn.role, turn.speaker, turn.text])).toEqual([
      ['manager', 'Менеджер', 'Добрый день!'],
      ['client', 'Клиент Иван', 'Алло?'],
      ['manager', 'Менеджер', 'Да, слышу вас.'],
    ]);
    expect(transcript.roles.method).toBe('labels');
  });

  it('keeps unlabelled cues with the unknown role', async () => {
    const transcript = await importInlineSingle('WEBVTT\n\n00:00.000 --> 00:01.500\nалло\n\n00:02.000 --> 00:03.000\n[музыка] да\n', 'plain.vtt');

    expect(transcript.turns.map((turn) => [turn.role, turn.speaker, turn.text])).toEqual([
      ['unknown', null, 'алло'],
      ['unknown', null, '[музыка] да'],
    ]);
    expect(transcript.roles.method).toBe('content');
  });

  it('reads a WebVTT file with no cues as a call without speech', async () => {
    const transcript = await importInlineSingle('WEBVTT\n\nNOTE пусто\n', 'empty.vtt');

    expect(transcript.turns).toEqual([]);
    expect(transcript.warnings.map((item) => item.code)).toEqual(['NO_SPEECH']);
  });
});
