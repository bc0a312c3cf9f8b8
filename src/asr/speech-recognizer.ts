/** Mono PCM audio handed to a recognition engine. */
export interface AudioClip {
  samples: Float32Array;
  sampleRate: number;
  /** Where the clip starts in the recording, in seconds; engines return times relative to the recording. */
  offsetSec: number;
}

export interface RecognizedWord {
  text: string;
  startSec: number | null;
  endSec: number | null;
  confidence: number | null;
}

export interface RecognizedSegment {
  startSec: number;
  endSec: number;
  text: string;
  confidence: number | null;
  words: RecognizedWord[];
  /** Diarization label from engines that separate speakers on mono audio, else null. */
  speaker: string | null;
}

export interface RecognizeOptions {
  language: 'ru';
  signal?: AbortSignal;
}

/** One speech recognition engine. Each implementation lives in its own module and is chosen by configuration. */
export interface SpeechRecognizer {
  readonly name: string;
  /** Whether `speaker` is filled on mono audio. */
  readonly diarizes: boolean;
  recognize(clip: AudioClip, options: RecognizeOptions): Promise<RecognizedSegment[]>;
  close(): Promise<void>;
}
