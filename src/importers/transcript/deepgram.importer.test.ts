import { describe, expect, it } from 'vitest';

import { corpusPath } from '../../../test/corpus.ts';
import { fixturePath, importInlineSingle, importSingle } from './import-test-helpers.ts';

const DEEPGRAM = (name: string): string => corpusPath('asr-formats', 'deepgram', name);

describe('Deepgram import', () => {
  it.each(['prerecorded-nova3-smartformat.response.json', 'prerecorded-nova3-summarize-v2.response.json'])('reads the published response %s', async (name) => {
    const transcript = await importSingle(DEEPGRAM(name));

    expect(transcript.format).toBe('deepgram');
    expect(transcript.turns).toHaveLength(1);
    expect(transcript.turns[0]?.text).toMatch(/^We, the people of the United States, in order to form a more perfect union,/iu);
    expect(transcript.turns[0]?.words).toHaveLength(52);
    expect(transcript.turns[0]?.role).toBe('unknown');
    expect(transcript.call.durationSec).toBeCloseTo(19.1, 1);
  });

  it('reads the published streaming result', async () => {
    const transcript = await importSingle(DEEPGRAM('streaming-mulaw-8k.response.json'));

    expect(transcript.turns[0]).toMatchObject({ text: 'For the United States of America.', startSec: 17.56, endSec: 18.66 });
    expect(transcript.call.externalId).toBe('e1985d01-b8bc-42ab-a16a-e7a8419c07f2');
  });

  it('reads multichannel utterances with roles and crosstalk', async () => {
    const transcript = await importSingle(fixturePath('deepgram-multichannel-utterances.json'));

    expect(transcript.turns.map((turn) => [turn.role, turn.channel, turn.text, turn.overlapsTurn])).toEqual([
      ['manager', 0, 'Добрый день, чем помочь?', null],
      ['client', 1, 'У меня не работает интернет.', 0],
    ]);
  });

  it('groups diarized words by speaker and fills a word without one', async () => {
    const transcript = await importSingle(fixturePath('deepgram-diarized-words.json'));

    expect(transcript.turns.map((turn) => [turn.speaker, turn.text])).toEqual([
      ['0', 'Алло?'],
      ['1', 'Здравствуйте, компания Ромашка.'],
      ['0', 'Да.'],
    ]);
    expect(transcript.roles.method).toBe('content');
    expect(transcript.warnings.map((item) => item.code)).toEqual(['UNATTRIBUTED_SPEECH']);
  });

  it('reads streaming messages in NDJSON, final ones only', async () => {
    const message = (start: number, text: string, isFinal: boolean, channel: number) =>
      JSON.stringify({ type: 'Results', channel_index: [channel, 2], start, duration: 1, is_final: isFinal, channel: { alternatives: [{ transcript: text, words: [{ word: text, start, end: start + 0.8, confidence: 0.9 }] }] } });
    const stream = [message(0, 'алло', false, 0), message(0, 'алло', true, 0), message(1, 'да', true, 1)].join('\n');
    const transcript = await importInlineSingle(stream, 'stream.ndjson');

    expect(transcript.turns.map((turn) => [turn.role, turn.text])).toEqual([
      ['manager', 'алло'],
      ['client', 'да'],
    ]);
  });

  it('reads a response without words or speakers as one untimed turn', async () => {
    const transcript = await importInlineSingle({ metadata: { request_id: 'r-1' }, results: { channels: [{ alternatives: [{ transcript: 'алло да' }] }] } }, 'bare.json');

    expect(transcript.turns).toHaveLength(1);
    expect(transcript.turns[0]).toMatchObject({ text: 'алло да', startSec: null, role: 'unknown' });
    expect(transcript.warnings.map((item) => item.code)).toEqual(['TEXT_WITHOUT_WORDS']);
  });
});
