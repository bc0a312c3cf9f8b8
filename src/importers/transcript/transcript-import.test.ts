import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';

import { corpusPath } from '../../../test/corpus.ts';
import { importerFor } from './format-detection.ts';
import { expectImported, fixturePath, importInline } from './import-test-helpers.ts';
import { importTranscriptBytes, importTranscriptFile, TRANSCRIPT_FORMATS, type TranscriptFormatId } from './index.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'okk-transcripts-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

function writeFile(name: string, content: string | Uint8Array): string {
  const file = path.join(folder, name);
  writeFileSync(file, content);
  return file;
}

const SRT = '1\n00:00:00,000 --> 00:00:01,000\nМенеджер: Алло\n';

describe('format detection', () => {
  it.each<[string, string, TranscriptFormatId]>([
    ['channel-tagged text', writeFile('tagged.txt', '<out> добрый день <in> здравствуйте'), 'channel-tagged-text'],
    ['call export', corpusPath('transcripts', 'real-isp', 'calls.json'), 'channel-tagged-json'],
    ['labelled text', corpusPath('audio', 'synthetic-bank-calls-c', 'call_02_card.dialogue.txt'), 'labeled-text'],
    ['unlabelled lines', corpusPath('audio', 'synthetic-bank-calls-b', 'call_card_blocked.txt'), 'labeled-text'],
    ['labelled text with leading times', writeFile('timed.txt', '[00:00] Менеджер: Добрый день!\n[00:04] Клиент: Здравствуйте.\n'), 'labeled-text'],
    ['SRT', corpusPath('asr-formats', 'srt-whisper-cpp-loops', 'chunk-times-restart-at-zero.srt'), 'srt'],
    ['SRT named .txt', writeFile('subtitles.txt', SRT), 'srt'],
    ['WebVTT', writeFile('call.vtt', 'WEBVTT\n\n00:00.000 --> 00:01.000\n<v Клиент>Алло\n'), 'webvtt'],
    ['OpenAI segments', corpusPath('asr-formats', 'openai', 'verbose_json-segments.json'), 'openai-verbose-json'],
    ['OpenAI words', corpusPath('asr-formats', 'openai', 'verbose_json-words.json'), 'openai-verbose-json'],
    ['openai-whisper', fixturePath('openai-whisper-cli.json'), 'openai-whisper-json'],
    ['whisper.cpp -ojf', fixturePath('whisper-cpp-cli-ojf.json'), 'whisper-cpp-json'],
    ['whisper.cpp server', fixturePath('whisper-cpp-server-verbose-json.json'), 'whisper-cpp-json'],
    ['faster-whisper', fixturePath('faster-whisper-segments-with-words.json'), 'faster-whisper-json'],
    ['WhisperX', fixturePath('whisperx-words-without-speaker.json'), 'whisperx-json'],
    ['Yandex v2', corpusPath('asr-formats', 'yandex', 'speechkit-v2-longRunningRecognize-ru.json'), 'yandex-v2'],
    ['Yandex v2 without speech', fixturePath('yandex-v2-no-speech.json'), 'yandex-v2'],
    ['Yandex v3 NDJSON', corpusPath('asr-formats', 'yandex', 'speechkit-v3-getRecognition-ru.ndjson'), 'yandex-v3'],
    ['Yandex v3 array', fixturePath('yandex-v3-two-channels.json'), 'yandex-v3'],
    ['Deepgram', corpusPath('asr-formats', 'deepgram', 'prerecorded-nova3-smartformat.response.json'), 'deepgram'],
    ['Deepgram streaming', corpusPath('asr-formats', 'deepgram', 'streaming-mulaw-8k.response.json'), 'deepgram'],
    ['SaluteSpeech', fixturePath('salute-speech-async-result.json'), 'salute-speech'],
    ['T-Bank VoiceKit', fixturePath('tbank-voicekit-recognize.json'), 'tbank-voicekit'],
    ['AssemblyAI', fixturePath('assemblyai-utterances.json'), 'assemblyai'],
  ])('detects %s', async (_name, file, format) => {
    const outcome = expectImported(await importTranscriptFile(file));

    expect(outcome.format).toBe(format);
  });

  it('lists every format with an importer and a Russian title', () => {
    for (const format of TRANSCRIPT_FORMATS) {
      expect(importerFor(format.id).format).toBe(format.id);
      expect(format.title).toMatch(/\p{L}/u);
    }
  });

  it('reads a file as the format given', async () => {
    const outcome = expectImported(await importInline('<out> добрый день <in> здравствуйте', 'forced.txt', { format: 'labeled-text' }));

    expect(outcome.format).toBe('labeled-text');
    expect(outcome.transcripts[0]?.turns).toHaveLength(1);
  });

  it.each<[string, string, TranscriptFormatId]>([
    ['text as Yandex', '<out> добрый день', 'yandex-v2'],
    ['JSON as SRT', '{"segments": []}', 'srt'],
    ['Deepgram as AssemblyAI', '{"metadata": {}, "results": {"channels": []}}', 'assemblyai'],
  ])('rejects a format that does not fit: %s', async (_name, content, format) => {
    const outcome = await importInline(content, 'wrong.json', { format });

    expect(outcome).toMatchObject({ ok: false, error: { code: 'FORMAT_MISMATCH' } });
    expect(outcome.ok || outcome.error.message).toContain('--format');
  });
});

describe('bad input', () => {
  it.each([
    ['empty file', '', 'EMPTY_FILE'],
    ['broken JSON', '{"segments": [1, 2,, 3]}', 'INVALID_JSON'],
    ['a table', 'id;date;phone;duration\n1;2026-01-01;+79990000000;60\n2;2026-01-02;+79990000001;61\n', 'UNKNOWN_FORMAT'],
    ['markup', '<?xml version="1.0"?><calls><call id="1"/></calls>', 'UNKNOWN_FORMAT'],
    ['Markdown notes', '# Звонки за март\n\nСм. папку с записями.\n', 'UNKNOWN_FORMAT'],
    ['JSON of an unknown shape', '{"status": "ok", "count": 3}', 'UNKNOWN_FORMAT'],
    ['a JSON list of numbers', '[1, 2, 3]', 'UNKNOWN_FORMAT'],
    ['a cut-off JSON object', '{"task": "transcribe", "text": "Алло", "segments": [{"start": 0', 'TRUNCATED_JSON'],
  ])('fails on %s with a Russian message', async (_name, content, code) => {
    const outcome = await importInline(content, 'input.dat');

    expect(outcome).toMatchObject({ ok: false, error: { code } });
    expect(outcome.ok || outcome.error.message).toMatch(/^Файл «input\.dat»: \p{L}/u);
    expect(outcome.ok || outcome.error.message).toMatch(/[а-яё]{4}/u);
  });

  it('fails on a binary file', async () => {
    const outcome = await importTranscriptBytes(Uint8Array.from([0, 1, 2, 3, 250, 0, 9, 0]), 'blob.bin');

    expect(outcome).toMatchObject({ ok: false, error: { code: 'BINARY_FILE' } });
  });

  it('fails on a missing file', async () => {
    const outcome = await importTranscriptFile(path.join(folder, 'missing.txt'));

    expect(outcome).toMatchObject({ ok: false, error: { code: 'READ_FAILED' } });
    expect(outcome.ok || outcome.error.message).toContain('не найден');
  });

  it('reads a Windows-1251 transcript with a warning', async () => {
    const file = writeFile('cp1251.txt', iconv.encode('Менеджер: Добрый день!\nКлиент: Здравствуйте.', 'win1251'));
    const outcome = expectImported(await importTranscriptFile(file));

    expect(outcome.transcripts[0]?.turns.map((turn) => turn.text)).toEqual(['Добрый день!', 'Здравствуйте.']);
    expect(outcome.warnings.map((item) => item.code)).toEqual(['ENCODING_CP1251']);
  });

  it('keeps the complete calls of a cut-off export', async () => {
    const full = JSON.stringify([{ id: 1, dialog: '<out> добрый день' }, { id: 2, dialog: '<in> алло' }, { id: 3, dialog: '<out> до свидания' }]);
    const outcome = expectImported(await importInline(full.slice(0, full.indexOf('алло')), 'cut.json'));

    expect(outcome.transcripts.map((transcript) => transcript.call.externalId)).toEqual(['1']);
    expect(outcome.warnings.map((item) => item.code)).toEqual(['TRUNCATED_FILE']);
  });

  it('reads a channel-tagged file with no words as a call without speech', async () => {
    const outcome = expectImported(await importInline('<in> <out>', 'tags-only.txt'));

    expect(outcome.transcripts[0]?.turns).toEqual([]);
    expect(outcome.transcripts[0]?.warnings.map((item) => item.code)).toEqual(['NO_SPEECH']);
  });
});

describe('call ids and sources', () => {
  it('gives the same ids to the same file imported twice', async () => {
    const file = writeFile('twice.srt', SRT);
    const first = expectImported(await importTranscriptFile(file));
    const second = expectImported(await importTranscriptFile(file));

    expect(second.transcripts[0]?.call.id).toBe(first.transcripts[0]?.call.id);
    expect(first.transcripts[0]?.call.id).toMatch(/^[0-9a-f]{32}$/u);
  });

  it('gives a changed file a new id', async () => {
    const first = expectImported(await importInline(SRT, 'a.srt'));
    const changed = expectImported(await importInline(`${SRT}\n`, 'a.srt'));

    expect(changed.transcripts[0]?.call.id).not.toBe(first.transcripts[0]?.call.id);
  });

  it('stores the file path, or the given source, as the call source', async () => {
    const file = writeFile('source.srt', SRT);
    const byPath = expectImported(await importTranscriptFile(file));
    const labelled = expectImported(await importTranscriptFile(file, { source: 'upload:42' }));

    expect(byPath.transcripts[0]?.call.source).toBe(file);
    expect(labelled.transcripts[0]?.call.source).toBe('upload:42');
  });
});
