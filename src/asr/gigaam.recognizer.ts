import type { Logger } from '../lib/logger.ts';
import type { GigaamConfig } from './asr-config.ts';
import { resolveModelFiles } from './models/model-files.ts';
import { splitClip } from './pcm.ts';
import { placeSegments } from './recognized-segments.ts';
import { loadSherpa, probeSherpaRecognizer, wordsFromTokens } from './sherpa-onnx.ts';
import type { OfflineRecognizer } from './sherpa-onnx.ts';
import type { AudioClip, RecognizeOptions, RecognizedSegment, SpeechRecognizer } from './speech-recognizer.ts';

/**
 * GigaAM v2 CTC (Sber) through sherpa-onnx's offline NeMo CTC recognizer. The model expects 16 kHz; sherpa-onnx
 * resamples whatever rate the clip has. Clips longer than `chunkSec` are decoded piece by piece.
 */
export class GigaamRecognizer implements SpeechRecognizer {
  readonly name = 'gigaam';
  readonly diarizes = false;

  private constructor(
    private readonly recognizer: OfflineRecognizer,
    private readonly config: GigaamConfig,
  ) {}

  static async create(config: GigaamConfig, modelsDir: string, logger?: Logger): Promise<GigaamRecognizer> {
    const files = await resolveModelFiles('gigaam', config.model, modelsDir);
    const recognizerConfig = {
      featConfig: { sampleRate: 16000, featureDim: 64 },
      modelConfig: { nemoCtc: { model: files.model }, tokens: files.tokens, numThreads: config.threads, provider: 'cpu', debug: 0 },
    };
    await probeSherpaRecognizer('OfflineRecognizer', recognizerConfig, files.model);
    const sherpa = loadSherpa();
    logger?.info({ engine: 'gigaam', model: files.model }, 'speech model loaded');
    return new GigaamRecognizer(new sherpa.OfflineRecognizer(recognizerConfig), config);
  }

  async recognize(clip: AudioClip, options: RecognizeOptions): Promise<RecognizedSegment[]> {
    const segments: RecognizedSegment[] = [];
    for (const piece of splitClip(clip, this.config.chunkSec)) {
      options.signal?.throwIfAborted();
      const stream = this.recognizer.createStream();
      stream.acceptWaveform({ samples: piece.samples, sampleRate: piece.sampleRate });
      const result = await this.recognizer.decodeAsync(stream);
      const pieceSec = piece.samples.length / piece.sampleRate;
      const words = wordsFromTokens(result, pieceSec).map((word) => ({ ...word, confidence: null }));
      const segment: RecognizedSegment = {
        startSec: words[0]?.startSec ?? 0,
        endSec: words.at(-1)?.endSec ?? pieceSec,
        text: result.text,
        confidence: null,
        words,
        speaker: null,
      };
      segments.push(...placeSegments([segment], piece.offsetSec));
    }
    return segments;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
