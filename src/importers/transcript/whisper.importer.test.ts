import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { corpusPath } from '../../../test/corpus.ts';
import { expectImported, fixturePath, importInline, importInlineSingle, importSingle } from './import-test-helpers.ts';
import { importTranscriptFile } from './transcript-import.ts';

describe('OpenAI verbose_json import', () => {
  it('reads the published segments example', async () => {
    const transcript = await importSingle(corpusPath('asr-formats', 'openai', 'verbose_json-segments.json'));

    expect(transcript.format).toBe('openai-verbose-json');
    expect(transcript.turns).toHaveLength(1);
    expect(transcript.turns[0]).toMatchObject({ startSec: 0, endSec: 3.32, role: 'unknown', text: 'The beach was a popular spot on a hot summer day.' });
    expect(transcript.call.durationSec).toBeCloseTo(8.47, 2);
  });

  it('keeps the full text when words cover only part of it', async () => {
    const transcript = await importSingle(corpusPath('asr-formats', 'openai', 'verbose_json-words.json'));

    expect(transcript.turns[0]?.text).toMatch(/^The beach .* beach volleyball\.$/u);
    expect(transcript.turns[0]?.words?.map((word) => word.text)).toEqual(['The', 'volleyball']);
    expect(transcript.turns[0]).toMatchObject({ startSec: 0, endSec: 7.9 });
  });

  it('splits words without segments at pauses', async () => {
    const words = [
      { word: 'Алло', start: 0.1, end: 0.5 },
      { word: 'да', start: 0.6, end: 0.8 },
      { word: 'слушаю', start: 2.5, end: 3.0 },
    ];
    const transcript = await importInlineSingle({ task: 'transcribe', language: 'russian', duration: 3.2, text: 'Алло да слушаю', words }, 'words.json');

    expect(transcript.turns.map((turn) => turn.text)).toEqual(['Алло да', 'слушаю']);
  });

  it('falls back to the text when segments are empty', async () => {
    const transcript = await importInlineSingle({ task: 'transcribe', text: 'Добрый день, слушаю вас.', segments: [] }, 'empty-segments.json');

    expect(transcript.turns).toHaveLength(1);
    expect(transcript.turns[0]).toMatchObject({ text: 'Добрый день, слушаю вас.', startSec: null, endSec: null });
    expect(transcript.warnings.map((item) => item.code)).toEqual(['TEXT_WITHOUT_SEGMENTS']);
  });

  it('reads an empty result as a call without speech', async () => {
    const transcript = await importInlineSingle({ task: 'transcribe', duration: 1, text: '', segments: [] }, 'silence.json');

    expect(transcript.turns).toEqual([]);
    expect(transcript.warnings.map((item) => item.code)).toEqual(['NO_SPEECH']);
  });

  it('fills missing segment end times', async () => {
    const segments = [
      { id: 0, seek: 0, start: 0, end: null, text: ' Алло.' },
      { id: 1, seek: 0, start: 2.5, end: 4, text: ' Да, слушаю.' },
      { id: 2, seek: 0, start: 5, end: null, text: ' Я хотел бы' },
    ];
    const transcript = await importInlineSingle({ task: 'transcribe', duration: 6.5, text: 'Алло. Да, слушаю. Я хотел бы', segments }, 'cut.json');

    expect(transcript.turns.map((turn) => [turn.startSec, turn.endSec])).toEqual([
      [0, 2.5],
      [2.5, 4],
      [5, 6.5],
    ]);
  });
});

describe('openai-whisper and faster-whisper import', () => {
  it('reads the openai-whisper command line JSON', async () => {
    const transcript = await importSingle(fixturePath('openai-whisper-cli.json'));

    expect(transcript.format).toBe('openai-whisper-json');
    expect(transcript.turns[0]).toMatchObject({ startSec: 1.22, endSec: 7.98 });
    expect(transcript.turns[0]?.text).toBe('Welcome to English in a minute. Most people enjoy going to parties. You got to be');
    expect(transcript.turns[0]?.confidence).toBeCloseTo(Math.exp(-0.3057987576439267), 6);
  });

  it('reads faster-whisper segments and skips a word without text', async () => {
    const transcript = await importSingle(fixturePath('faster-whisper-segments-with-words.json'));

    expect(transcript.format).toBe('faster-whisper-json');
    expect(transcript.turns[0]).toMatchObject({ startSec: 0.06, endSec: 10.48 });
    expect(transcript.turns[0]?.words?.map((word) => word.text)).toEqual(['And']);
  });
});

describe('whisper.cpp import', () => {
  it('reads -ojf tokens by their millisecond offsets', async () => {
    const transcript = await importSingle(fixturePath('whisper-cpp-cli-ojf.json'));

    expect(transcript.format).toBe('whisper-cpp-json');
    expect(transcript.turns[0]).toMatchObject({ text: 'And so, my fellow', startSec: 0.32, endSec: 1.85 });
    expect(transcript.turns[0]?.words?.map((word) => [word.text, word.startSec, word.endSec])).toEqual([
      ['And', 0.32, 0.37],
      ['so,', 0.37, 0.86],
      ['my', 0.86, 1.11],
      ['fellow', 1.11, 1.85],
    ]);
  });

  it('gives roles from stereo diarization speakers', async () => {
    const transcription = [
      { timestamps: { from: '00:00:00,000', to: '00:00:02,000' }, offsets: { from: 0, to: 2000 }, text: ' Добрый день.', speaker: '1' },
      { timestamps: { from: '00:00:02,000', to: '00:00:04,000' }, offsets: { from: 2000, to: 4000 }, text: ' Здравствуйте.', speaker: '0' },
      { timestamps: { from: '00:00:04,000', to: '00:00:05,000' }, offsets: { from: 4000, to: 5000 }, text: ' Угу.', speaker: '?' },
    ];
    const transcript = await importInlineSingle({ result: { language: 'ru' }, transcription }, 'stereo.json', { managerChannel: 1 });

    expect(transcript.turns.map((turn) => [turn.role, turn.channel, turn.flags])).toEqual([
      ['manager', 1, []],
      ['client', 0, []],
      ['unknown', null, ['unattributed']],
    ]);
  });

  it('reads the server verbose_json', async () => {
    const transcript = await importSingle(fixturePath('whisper-cpp-server-verbose-json.json'));

    expect(transcript.format).toBe('whisper-cpp-json');
    expect(transcript.turns[0]).toMatchObject({ text: "That's one small step for man.", startSec: 0, endSec: 5 });
  });

  it('reports where the published server sample breaks off', async () => {
    const body = readFileSync(corpusPath('asr-formats', 'whisper-cpp', 'server-verbose_json.txt'), 'utf8')
      .split('\n')
      .filter((line) => !line.startsWith('#'))
      .join('\n');
    const outcome = await importInline(body, 'server.json');

    // The sample was shortened with «...», which is no JSON, so the error points at it.
    expect(outcome).toMatchObject({ ok: false, error: { code: 'INVALID_JSON' } });
    expect(outcome.ok || outcome.error.message).toMatch(/строке 32, столбце \d+/u);
  });
});

describe('WhisperX import', () => {
  it('settles words and segments without a speaker', async () => {
    const transcript = await importSingle(fixturePath('whisperx-words-without-speaker.json'));

    expect(transcript.format).toBe('whisperx-json');
    expect(transcript.turns.map((turn) => [turn.speaker, turn.flags])).toEqual([
      ['SPEAKER_00', []],
      ['SPEAKER_00', []],
      ['SPEAKER_01', []],
      [null, ['unattributed']],
    ]);
    expect(transcript.turns.map((turn) => turn.text)).toEqual(['What the fuck are you doing?', "Mommy, I'm home.", 'Hey, baby.', 'Avec un voisin.']);
    expect(transcript.warnings.map((item) => item.code)).toEqual(['UNATTRIBUTED_SPEECH']);
  });

  it('splits a segment where the word speakers change', async () => {
    const words = [
      { word: 'Добрый', start: 0, end: 0.3, score: 0.9, speaker: 'SPEAKER_00' },
      { word: 'день.', start: 0.3, end: 0.6, score: 0.9, speaker: 'SPEAKER_00' },
      { word: 'Здравствуйте,', start: 0.8, end: 1.4, score: 0.9, speaker: 'SPEAKER_01' },
      { word: 'слушаю.', start: 1.4, end: 1.9, score: 0.9, speaker: 'SPEAKER_01' },
    ];
    const transcript = await importInlineSingle({ segments: [{ start: 0, end: 1.9, text: ' Добрый день. Здравствуйте, слушаю.', speaker: 'SPEAKER_00', words }] }, 'x.json');

    expect(transcript.turns.map((turn) => [turn.speaker, turn.text, turn.startSec, turn.endSec])).toEqual([
      ['SPEAKER_00', 'Добрый день.', 0, 0.6],
      ['SPEAKER_01', 'Здравствуйте, слушаю.', 0.8, 1.9],
    ]);
  });

  it('gives untimed numerals the times around them', async () => {
    const words = [
      { word: 'номер', start: 10, end: 10.4, score: 0.9, speaker: 'SPEAKER_01' },
      { word: '780' },
      { word: '802', speaker: 'SPEAKER_01' },
      { word: 'верно', start: 12, end: 12.5, score: 0.8, speaker: 'SPEAKER_01' },
    ];
    const transcript = await importInlineSingle({ segments: [{ start: 10, end: 12.5, text: ' номер 780 802 верно', speaker: 'SPEAKER_01', words }], word_segments: [] }, 'n.json');

    expect(transcript.turns[0]?.words?.map((word) => [word.text, word.startSec, word.endSec])).toEqual([
      ['номер', 10, 10.4],
      ['780', 10.4, 12],
      ['802', 10.4, 12],
      ['верно', 12, 12.5],
    ]);
    expect(transcript.turns[0]?.text).toBe('номер 780 802 верно');
  });

  it('reads a labelled reference segments file', async () => {
    const transcript = await importSingle(corpusPath('audio', 'synthetic-bank-calls-a', 'synthetic-transfer-question.reference.json'));

    expect(transcript.turns[0]).toMatchObject({ role: 'manager', speaker: 'Оператор', startSec: 0.25 });
    expect(transcript.turns[1]).toMatchObject({ role: 'client', speaker: 'Клиент' });
    expect(transcript.roles.method).toBe('labels');
  });

  it('imports every published sample without a crash', async () => {
    const names = ['whisperx-words-without-speaker.json', 'faster-whisper-segments-with-words.json', 'openai-whisper-cli.json', 'whisper-cpp-cli-ojf.json'];
    for (const name of names) {
      expectImported(await importTranscriptFile(fixturePath(name)));
    }
  });
});
