import { describe, expect, it } from 'vitest';

import { readCorpusText } from '../../../test/corpus.ts';
import type { Transcript, Turn } from '../model/transcript.ts';
import { guardRecognition } from './recognition-guards.ts';

type TurnInput = Partial<Turn> & { text: string };

function transcriptOf(turns: TurnInput[]): Transcript {
  return {
    call: { id: 'call-1', externalId: null, source: 'test', startedAt: null, durationSec: null, direction: null, manager: null, client: null },
    turns: turns.map((turn, index) => ({
      index,
      role: 'unknown',
      channel: null,
      speaker: null,
      startSec: null,
      endSec: null,
      confidence: null,
      flags: [],
      overlapsTurn: null,
      ...turn,
    })),
    roles: { method: 'channel', confidence: null },
    format: 'test',
    warnings: [],
  };
}

function flaggedIndexes(transcript: Transcript, flag: Turn['flags'][number]): number[] {
  return transcript.turns.filter((turn) => turn.flags.includes(flag)).map((turn) => turn.index);
}

/** Reads SRT cues as turns: the cue number, times and text are all that the guards need. */
function srtTurns(...parts: string[]): { cue: number; turn: TurnInput }[] {
  const blocks = readCorpusText(...parts).replaceAll('\r', '').trim().split(/\n\n+/);
  return blocks.map((block) => {
    const [number = '', times = '', ...text] = block.split('\n');
    const [start = 0, end = 0] = times.split(' --> ').map(srtSeconds);
    return { cue: Number(number), turn: { text: text.join(' '), startSec: start, endSec: end } };
  });
}

function srtSeconds(stamp: string): number {
  const [hours = 0, minutes = 0, seconds = 0] = stamp.replace(',', '.').split(':').map(Number);
  return hours * 3600 + minutes * 60 + seconds;
}

describe('guardRecognition: repetition loops', () => {
  it('marks the loop in a real whisper.cpp SRT and nothing around it', () => {
    const cues = srtTurns('asr-formats', 'srt-whisper-cpp-loops', 'meeting-ca-repetition-loop.srt');
    const guarded = guardRecognition(transcriptOf(cues.map((cue) => cue.turn)));

    const flaggedCues = flaggedIndexes(guarded, 'repetition_loop').map((index) => cues[index]?.cue);
    const loopCues = Array.from({ length: 195 - 139 + 1 }, (_, offset) => 139 + offset);
    expect(flaggedCues).toEqual(loopCues);
  });

  it.each([
    ['the same three-word line three times', ['Я вас слушаю', 'Я вас слушаю', 'Я вас слушаю'], [0, 1, 2]],
    ['a three-word line twice', ['Я вас слушаю', 'Я вас слушаю'], []],
    ['«Алло» three times, as on a bad line', ['Алло?', 'Алло?', 'Алло?'], []],
    ['«Алло» six times', ['Алло', 'Алло', 'Алло', 'Алло', 'Алло', 'Алло'], [0, 1, 2, 3, 4, 5]],
    ['a loop with a word dropped or added', ['Спасибо за звонок всего доброго', 'за звонок всего доброго', 'И спасибо за звонок всего доброго', 'До свидания'], [0, 1, 2]],
    ['different lines', ['Добрый день', 'Меня зовут Анна', 'Чем могу помочь?'], []],
  ])('%s', (_name, lines, expected) => {
    const guarded = guardRecognition(transcriptOf(lines.map((text) => ({ text }))));
    expect(flaggedIndexes(guarded, 'repetition_loop')).toEqual(expected);
  });

  it('finds a loop of one channel between turns of the other', () => {
    const turns: TurnInput[] = [
      { text: 'Продиктуйте номер договора', channel: 0 },
      { text: 'Номер договора шестьсот', channel: 1 },
      { text: 'угу', channel: 0 },
      { text: 'Номер договора шестьсот', channel: 1 },
      { text: 'да', channel: 0 },
      { text: 'Номер договора шестьсот', channel: 1 },
    ];
    expect(flaggedIndexes(guardRecognition(transcriptOf(turns)), 'repetition_loop')).toEqual([1, 3, 5]);
  });

  it.each([
    ['a word repeated six times', 'вы вы вы вы вы вы', true],
    ['«да» three times, as people say it', 'да да да называйте', false],
    ['a phrase repeated four times', 'я вас понял я вас понял я вас понял я вас понял', true],
    ['a phrase repeated three times', 'не слышу не слышу не слышу', false],
    ['a loop too long for the phrase check', 'спасибо за звонок всего доброго спасибо за ваш звонок всего доброго '.repeat(3), true],
    ['a real long turn', 'здравствуйте молодой человек мы с вами уже с вашими специалистами разговаривали сегодня они особо нас не смогли помочь надеемся что вы нам поможете в общем я вам называю номер договора', false],
  ])('%s inside a turn', (_name, text, expected) => {
    const guarded = guardRecognition(transcriptOf([{ text }]));
    expect(guarded.turns[0]?.flags.includes('repetition_loop')).toBe(expected);
  });

  it('leaves the real contact-centre calls unmarked', () => {
    const calls = JSON.parse(readCorpusText('transcripts', 'real-isp', 'calls.json')) as { id: number; dialog: string }[];
    const marked: string[] = [];
    for (const call of calls) {
      const turns = [...call.dialog.matchAll(/<(in|out)>([^<]*)/g)].map((match) => ({ text: match[2] ?? '', channel: match[1] === 'in' ? 1 : 0 }));
      const guarded = guardRecognition(transcriptOf(turns));
      for (const turn of guarded.turns.filter((item) => item.flags.length > 0)) {
        marked.push(`${call.id}#${turn.index}: ${turn.text.slice(0, 60)}`);
      }
    }
    expect(marked).toEqual([]);
  });
});

describe('guardRecognition: text on silence', () => {
  const speech = [
    { channel: 0, spans: [{ startSec: 0, endSec: 5 }] },
    { channel: 1, spans: [{ startSec: 5, endSec: 10 }] },
  ];

  it.each([
    ['a turn inside its channel speech', { channel: 0, startSec: 1, endSec: 4 }, false],
    ['a turn where only the other channel speaks', { channel: 0, startSec: 6, endSec: 9 }, true],
    ['a turn mostly on silence', { channel: 1, startSec: 9.5, endSec: 20 }, true],
    ['a turn without times', { channel: 1, startSec: null, endSec: null }, false],
  ])('%s', (_name, turn, expected) => {
    const guarded = guardRecognition(transcriptOf([{ text: 'Спасибо за просмотр', ...turn }]), { speech });
    expect(guarded.turns[0]?.flags.includes('silence_text')).toBe(expected);
  });

  it('uses the mix spans for a channel without its own', () => {
    const guarded = guardRecognition(transcriptOf([{ text: 'Продолжение следует', channel: 3, startSec: 20, endSec: 22 }]), {
      speech: [{ channel: null, spans: [{ startSec: 0, endSec: 10 }] }],
    });
    expect(guarded.turns[0]?.flags).toEqual(['silence_text']);
  });

  it('marks nothing when no speech spans are given', () => {
    const guarded = guardRecognition(transcriptOf([{ text: 'Спасибо за просмотр', startSec: 100, endSec: 102 }]));
    expect(guarded.turns[0]?.flags).toEqual([]);
  });
});

describe('guardRecognition: low confidence', () => {
  it.each([
    ['turn confidence below the limit', { confidence: 0.1 }, true],
    ['turn confidence above the limit', { confidence: 0.9 }, false],
    ['no confidence at all', { confidence: null }, false],
    ['mean word confidence below the limit', { words: [{ text: 'а', startSec: null, endSec: null, confidence: 0.1 }, { text: 'б', startSec: null, endSec: null, confidence: 0.3 }] }, true],
    ['words without confidence', { words: [{ text: 'а', startSec: null, endSec: null, confidence: null }] }, false],
  ])('%s', (_name, turn, expected) => {
    const guarded = guardRecognition(transcriptOf([{ text: 'номер договора', ...turn }]));
    expect(guarded.turns[0]?.flags.includes('low_confidence')).toBe(expected);
  });

  it('takes the limit from the options', () => {
    const guarded = guardRecognition(transcriptOf([{ text: 'номер договора', confidence: 0.5 }]), { minConfidence: 0.6 });
    expect(guarded.turns[0]?.flags).toEqual(['low_confidence']);
  });
});

describe('guardRecognition: result', () => {
  const input = transcriptOf([
    { text: 'Алло', flags: ['unattributed'], confidence: 0.1 },
    { text: 'Я вас слушаю' },
    { text: 'Я вас слушаю' },
    { text: 'Я вас слушаю' },
  ]);

  it('keeps the input unchanged and the existing flags', () => {
    const snapshot = structuredClone(input);
    const guarded = guardRecognition(input);
    expect(input).toEqual(snapshot);
    expect(guarded.turns[0]?.flags).toEqual(['unattributed', 'low_confidence']);
    expect(guarded.turns.map((turn) => turn.text)).toEqual(input.turns.map((turn) => turn.text));
  });

  it('explains each kind of mark in Russian once', () => {
    const guarded = guardRecognition(input);
    expect(guarded.warnings).toEqual([
      { code: 'repetition_loop', message: 'Реплики 2–4 похожи на зацикливание распознавания (повтор одной и той же фразы); они не используются как доказательства.' },
      { code: 'low_confidence', message: 'Реплики 1 распознаны с низкой уверенностью; они не используются как доказательства.' },
    ]);
  });

  it('gives the same transcript when run twice', () => {
    const once = guardRecognition(input);
    expect(guardRecognition(once)).toEqual(once);
  });
});
