import { z } from 'zod';

import type { Logger } from '../lib/logger.ts';
import type { OpenAiConfig } from './asr-config.ts';
import { AsrHttpClient } from './asr-http.ts';
import { clipAtRate, encodeWav, splitClip } from './pcm.ts';
import { placeSegments } from './recognized-segments.ts';
import type { AudioClip, RecognizeOptions, RecognizedSegment, RecognizedWord, SpeechRecognizer } from './speech-recognizer.ts';

const wordSchema = z.object({
  word: z.string(),
  start: z.number().nullish(),
  end: z.number().nullish(),
  probability: z.number().nullish(),
});

const segmentSchema = z.object({
  start: z.number(),
  end: z.number(),
  text: z.string(),
  avg_logprob: z.number().nullish(),
  // whisper.cpp's server puts the words of each segment inside it.
  words: z.array(wordSchema).nullish(),
});

/** `verbose_json` as OpenAI, whisper.cpp's server, faster-whisper servers and vLLM return it. */
const verboseJsonSchema = z.object({
  text: z.string().default(''),
  duration: z.number().nullish(),
  segments: z.array(segmentSchema).nullish(),
  words: z.array(wordSchema).nullish(),
});

type VerboseJson = z.infer<typeof verboseJsonSchema>;

/**
 * Recognizes speech through an OpenAI-compatible `/v1/audio/transcriptions` endpoint: OpenAI itself, a
 * whisper.cpp server, faster-whisper servers or vLLM. Audio goes up as 16 kHz WAV in pieces of at most
 * `chunkSec`, each piece's times shifted by its real offset.
 */
export class OpenAiRecognizer implements SpeechRecognizer {
  readonly name = 'openai';
  readonly diarizes = false;
  private readonly http: AsrHttpClient;

  constructor(
    private readonly config: OpenAiConfig,
    private readonly apiKey: string | undefined,
    private readonly logger?: Logger,
  ) {
    this.http = new AsrHttpClient('OpenAI-совместимый сервер распознавания', config, logger);
  }

  async recognize(clip: AudioClip, options: RecognizeOptions): Promise<RecognizedSegment[]> {
    const segments: RecognizedSegment[] = [];
    for (const piece of splitClip(clipAtRate(clip, [16000], 16000), this.config.chunkSec)) {
      const answer = await this.transcribe(piece, options);
      segments.push(...placeSegments(toSegments(answer, piece, this.logger), piece.offsetSec));
    }
    return segments;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private async transcribe(piece: AudioClip, options: RecognizeOptions): Promise<VerboseJson> {
    const form = new FormData();
    form.append('file', new Blob([encodeWav(piece.samples, piece.sampleRate)], { type: 'audio/wav' }), 'audio.wav');
    form.append('model', this.config.model);
    form.append('language', options.language);
    form.append('response_format', 'verbose_json');
    form.append('timestamp_granularities[]', 'word');
    form.append('timestamp_granularities[]', 'segment');
    form.append('temperature', '0');

    const headers: Record<string, string> = this.apiKey === undefined ? {} : { authorization: `Bearer ${this.apiKey}` };
    const url = new URL(this.config.path, this.config.baseUrl).toString();
    const body = await this.http.json(url, { method: 'POST', headers, body: form, signal: options.signal, step: 'распознавание записи' });
    const parsed = verboseJsonSchema.safeParse(body);
    if (!parsed.success) {
      throw this.http.malformed('распознавание записи', `нет полей verbose_json (${parsed.error.issues[0]?.message ?? ''})`);
    }
    return parsed.data;
  }
}

function toSegments(answer: VerboseJson, piece: AudioClip, logger: Logger | undefined): RecognizedSegment[] {
  const pieceSec = piece.samples.length / piece.sampleRate;
  const segments = answer.segments ?? [];
  if (segments.length === 0) {
    if (answer.text.trim() === '') {
      return [];
    }
    // Some servers return `text` with an empty `segments` list: keep the text as one segment over the piece.
    logger?.warn({ offsetSec: piece.offsetSec }, 'verbose_json has text but no segments; using the text as one untimed segment');
    return [{ startSec: 0, endSec: answer.duration ?? pieceSec, text: answer.text, confidence: null, words: (answer.words ?? []).map(toWord), speaker: null }];
  }
  const topLevelWords = (answer.words ?? []).map(toWord);
  return segments.map((segment) => ({
    startSec: segment.start,
    endSec: segment.end,
    text: segment.text,
    confidence: segment.avg_logprob === undefined || segment.avg_logprob === null ? null : Math.exp(segment.avg_logprob),
    words: segment.words ? segment.words.map(toWord) : topLevelWords.filter((word) => isInside(word, segment.start, segment.end)),
    speaker: null,
  }));
}

function toWord(word: z.infer<typeof wordSchema>): RecognizedWord {
  return { text: word.word.trim(), startSec: word.start ?? null, endSec: word.end ?? null, confidence: word.probability ?? null };
}

function isInside(word: RecognizedWord, startSec: number, endSec: number): boolean {
  if (word.startSec === null) {
    return false;
  }
  const middle = word.endSec === null ? word.startSec : (word.startSec + word.endSec) / 2;
  return middle >= startSec && middle < endSec;
}
