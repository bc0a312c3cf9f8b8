import type { Logger } from '../lib/logger.ts';
import type { ToneConfig } from './asr-config.ts';
import { resolveModelFiles } from './models/model-files.ts';
import { placeSegments } from './recognized-segments.ts';
import { loadSherpa, probeSherpaRecognizer, wordsFromTokens } from './sherpa-onnx.ts';
import type { OnlineRecognizer, OnlineStream } from './sherpa-onnx.ts';
import type { AudioClip, RecognizeOptions, RecognizedSegment, SpeechRecognizer } from './speech-recognizer.ts';

/** Audio handed to the stream per step, in seconds. */
const STEP_SEC = 0.1;
/** Silence appended at the end so the last words leave the model's lookahead. */
const TAIL_SEC = 0.5;
/** Audio T-one takes per decode step: one input chunk (`frame_length_ms` in its model metadata). */
const CHUNK_MS = 300;

/**
 * T-one (T-Bank's streaming CTC model for 8 kHz telephony) through sherpa-onnx's online recognizer. The clip
 * is streamed in 100 ms steps; each endpoint the recognizer detects closes a segment.
 */
export class ToneRecognizer implements SpeechRecognizer {
  readonly name = 't-one';
  readonly diarizes = false;

  private constructor(private readonly recognizer: OnlineRecognizer) {}

  static async create(config: ToneConfig, modelsDir: string, logger?: Logger): Promise<ToneRecognizer> {
    const files = await resolveModelFiles('t-one', config.model, modelsDir);
    const recognizerConfig = {
      featConfig: { sampleRate: 8000, featureDim: 80 },
      modelConfig: { toneCtc: { model: files.model }, tokens: files.tokens, numThreads: config.threads, provider: 'cpu', debug: 0 },
      decodingMethod: 'greedy_search',
      enableEndpoint: 1,
      rule1MinTrailingSilence: 1.2,
      rule2MinTrailingSilence: 0.8,
      rule3MinUtteranceLength: 20,
    };
    await probeSherpaRecognizer('OnlineRecognizer', recognizerConfig, files.model);
    const sherpa = loadSherpa();
    logger?.info({ engine: 't-one', model: files.model }, 'speech model loaded');
    return new ToneRecognizer(new sherpa.OnlineRecognizer(recognizerConfig));
  }

  recognize(clip: AudioClip, options: RecognizeOptions): Promise<RecognizedSegment[]> {
    const stream = this.recognizer.createStream();
    const segments: RecognizedSegment[] = [];
    const step = Math.max(1, Math.round(clip.sampleRate * STEP_SEC));
    let segmentStartSec = 0;
    let decodedChunks = 0;

    for (let start = 0; start < clip.samples.length; start += step) {
      options.signal?.throwIfAborted();
      const end = Math.min(clip.samples.length, start + step);
      stream.acceptWaveform({ samples: clip.samples.slice(start, end), sampleRate: clip.sampleRate });
      decodedChunks += this.decodeReady(stream);
      if (this.recognizer.isEndpoint(stream)) {
        // Decoding lags the audio fed so far, and after a reset token times count from where decoding stopped.
        // So the segment ends there and not at `end`.
        const decodedSec = (decodedChunks * CHUNK_MS) / 1000;
        segments.push(...this.takeSegment(stream, segmentStartSec, decodedSec));
        this.recognizer.reset(stream);
        segmentStartSec = decodedSec;
      }
    }
    stream.acceptWaveform({ samples: new Float32Array(Math.round(clip.sampleRate * TAIL_SEC)), sampleRate: clip.sampleRate });
    stream.inputFinished();
    this.decodeReady(stream);
    segments.push(...this.takeSegment(stream, segmentStartSec, clip.samples.length / clip.sampleRate));
    return Promise.resolve(placeSegments(segments, clip.offsetSec));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Decodes every chunk the stream has ready; returns how many. */
  private decodeReady(stream: OnlineStream): number {
    let chunks = 0;
    while (this.recognizer.isReady(stream)) {
      this.recognizer.decode(stream);
      chunks += 1;
    }
    return chunks;
  }

  private takeSegment(stream: OnlineStream, startSec: number, endSec: number): RecognizedSegment[] {
    const result = this.recognizer.getResult(stream);
    if (result.text.trim() === '') {
      return [];
    }
    // sherpa-onnx 1.13 gives T-one token times relative to the position decoding had reached at the last reset, as
    // src/asr/local-inference.test.ts checks on a generated model. The result's `start_time` is no help here
    // because it counts a 300 ms chunk as 30 ms.
    const words = wordsFromTokens(result, endSec - startSec).map((word) => ({
      text: word.text,
      startSec: startSec + word.startSec,
      endSec: startSec + word.endSec,
      confidence: null,
    }));
    return [{ startSec, endSec, text: result.text.trim(), confidence: null, words, speaker: null }];
  }
}
