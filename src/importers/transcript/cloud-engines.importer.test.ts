import { describe, expect, it } from 'vitest';

import { fixturePath, importInline, importInlineSingle, importSingle } from './import-test-helpers.ts';

describe('SaluteSpeech import', () => {
  it('reads the async result with normalized text and channel roles', async () => {
    const transcript = await importSingle(fixturePath('salute-speech-async-result.json'));

    expect(transcript.format).toBe('salute-speech');
    expect(transcript.turns.map((turn) => [turn.role, turn.text, turn.startSec, turn.endSec])).toEqual([
      ['manager', 'Добрый день, компания Ромашка, меня зовут Анна.', 0.48, 3.2],
      ['client', 'Здравствуйте, хочу узнать про тариф 100.', 3.6, 6.1],
      ['manager', 'Конечно, расскажу.', 6, 7.4],
    ]);
    expect(transcript.turns[2]?.overlapsTurn).toBe(1);
  });

  it('reads an empty result as a call without speech', async () => {
    const transcript = await importInlineSingle([{ results: [{ text: '', normalized_text: '', start: '0s', end: '0s', word_alignments: [] }], eou: true, processed_audio_start: '0s', processed_audio_end: '3.27s', channel: 0, speaker_info: { speaker_id: -1 } }], 'silence.json');

    expect(transcript.turns).toEqual([]);
    expect(transcript.warnings.map((item) => item.code)).toEqual(['NO_SPEECH']);
  });
});

describe('T-Bank VoiceKit import', () => {
  it('reads phrases of two channels with protobuf durations', async () => {
    const transcript = await importSingle(fixturePath('tbank-voicekit-recognize.json'));

    expect(transcript.format).toBe('tbank-voicekit');
    expect(transcript.turns.map((turn) => [turn.role, turn.channel, turn.text, turn.startSec, turn.overlapsTurn])).toEqual([
      ['client', 1, 'алло здравствуйте', 0.3, null],
      ['manager', 0, 'добрый день банк слушаю вас', 1.2, 0],
      ['client', 1, 'у меня заблокировали карту', 3.4, null],
    ]);
  });

  it('reads camel-case streaming results, final ones only', async () => {
    const result = (text: string, isFinal: boolean) => ({ recognitionResult: { alternatives: [{ transcript: text, confidence: 0.9 }], channel: 0, startTime: '0.5s', endTime: '1.5s' }, isFinal });
    const transcript = await importInlineSingle({ results: [result('алл', false), result('алло', true)] }, 'stream.json');

    expect(transcript.turns.map((turn) => turn.text)).toEqual(['алло']);
  });
});

describe('AssemblyAI import', () => {
  it('reads utterances with speakers and millisecond times', async () => {
    const transcript = await importSingle(fixturePath('assemblyai-utterances.json'));

    expect(transcript.format).toBe('assemblyai');
    expect(transcript.call.externalId).toBe('6rlr37h6-0f1d-4f7c-9a55-0a6e2b9d1a31');
    expect(transcript.turns.map((turn) => [turn.speaker, turn.text, turn.startSec, turn.endSec, turn.overlapsTurn])).toEqual([
      ['A', 'Добрый день, меня зовут Ольга.', 0.24, 1.9, null],
      ['B', 'Здравствуйте, я по поводу заказа.', 2.3, 4.1, null],
      ['A', 'Да, слушаю.', 3.9, 4.7, 1],
    ]);
    expect(transcript.roles.method).toBe('content');
  });

  it('gives roles by channel for a multichannel transcript', async () => {
    const utterance = (channel: string, text: string, start: number) => ({ channel, speaker: channel, text, start, end: start + 900, confidence: 0.9, words: [] });
    const transcript = await importInlineSingle({ id: 'mc-1', status: 'completed', multichannel: true, text: 'Алло. Да.', utterances: [utterance('1', 'Алло.', 0), utterance('2', 'Да.', 1000)] }, 'mc.json');

    expect(transcript.turns.map((turn) => [turn.role, turn.channel])).toEqual([
      ['manager', 0],
      ['client', 1],
    ]);
  });

  it('reads a transcript without speaker labels from its words', async () => {
    const words = [
      { text: 'Алло.', start: 100, end: 500, confidence: 0.9, speaker: null },
      { text: 'Слушаю.', start: 700, end: 1200, confidence: 0.9, speaker: null },
    ];
    const transcript = await importInlineSingle({ id: 'w-1', status: 'completed', text: 'Алло. Слушаю.', words, utterances: null }, 'words.json');

    expect(transcript.turns.map((turn) => [turn.text, turn.role, turn.speaker])).toEqual([['Алло. Слушаю.', 'unknown', null]]);
  });

  it.each([
    ['error', { id: 'e-1', status: 'error', error: 'Download error' }, 'ошибкой: Download error'],
    ['processing', { id: 'p-1', status: 'processing', text: null }, 'ещё не готова'],
  ])('fails on a transcript with status %s', async (_status, transcript, message) => {
    const outcome = await importInline(transcript, 'job.json');

    expect(outcome).toMatchObject({ ok: false, error: { code: 'NO_CALLS' } });
    expect(outcome.ok || outcome.error.message).toContain(message);
  });
});
