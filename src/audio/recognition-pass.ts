import type { TimeSpan } from '../core/model/transcript.ts';
import type { AudioClip, RecognizedSegment, RecognizedWord, SpeechRecognizer } from '../asr/speech-recognizer.ts';
import { cutClips, type Clip, type ClipLane } from './clip-cutter.ts';
import type { PcmBlocks } from './pcm-blocks.ts';
import { RecognitionError } from './recording-error.ts';
import type { DiarizationUnit } from './speaker-clustering.ts';
import { measureVoicePitch } from './voice-pitch.ts';

/**
 * Engines place words up to a few hundred milliseconds past a clip edge; that is moved inside quietly.
 * A segment further out suggests an engine returning times relative to the clip, which is reported.
 */
const CLAMP_NOTICE_SEC = 1;

/** A recognised segment with where it came from. */
export interface LaneSegment {
  /** Index of the lane (channel or mix) whose clip it was recognised in. */
  lane: number;
  /** Sequence number of the clip; engine speaker labels are only meaningful within one clip. */
  clip: number;
  startSec: number;
  endSec: number;
  text: string;
  confidence: number | null;
  words: RecognizedWord[];
  /** The engine's diarization label within the clip, or null. */
  engineSpeaker: string | null;
}

/** Stretches of a mono lane to measure voices on, with the segments they came from where the engine diarized. */
export interface VoiceUnit extends DiarizationUnit {
  /** The engine segment this unit is, or null for a VAD piece. */
  segment: LaneSegment | null;
  /** Parts of a VAD piece between short pauses; empty when the piece has no pause inside or the unit is a segment. */
  parts: VoicePartUnit[];
}

/** A part of a VAD piece, with the length of the short pause it starts in (0 for the first part). */
export interface VoicePartUnit extends TimeSpan {
  pauseBeforeSec: number;
}

/** A VAD piece of a mono lane to measure, optionally with its parts between short pauses. */
export interface PieceToMeasure extends TimeSpan {
  parts?: readonly (TimeSpan & { pauseBeforeSec: number })[];
}

export interface RecognitionPassOptions {
  /** Index of the lane whose voices are measured for diarization, or null when no lane needs it. */
  diarizedLane: number | null;
  /** VAD pieces of the diarized lane, used when the engine gives no speaker labels. */
  voicePieces: readonly PieceToMeasure[];
  signal?: AbortSignal;
}

export interface RecognitionPassResult {
  segments: LaneSegment[];
  voiceUnits: VoiceUnit[];
  /** Segments whose times fell well outside their clip (more than a second) and were moved inside it. */
  clampedSegments: number;
  clipCount: number;
}

/**
 * Decodes the recording a second time, cuts each lane's regions and has the engine recognise every
 * clip, in recording order. Clip offsets are exact sample positions. Where a lane needs diarization,
 * the pitch of each VAD piece (or of each engine segment, when the engine labels speakers) is measured
 * while the clip's samples are still in memory.
 */
export async function runRecognitionPass(
  blocks: PcmBlocks,
  sampleRate: number,
  lanes: readonly ClipLane[],
  recognizer: SpeechRecognizer,
  options: RecognitionPassOptions,
): Promise<RecognitionPassResult> {
  const result: RecognitionPassResult = { segments: [], voiceUnits: [], clampedSegments: 0, clipCount: 0 };
  let pieceCursor = 0;
  for await (const clip of cutClips(blocks, sampleRate, lanes)) {
    if (clip.samples.length === 0) {
      continue;
    }
    options.signal?.throwIfAborted();
    const clipIndex = result.clipCount++;
    const offsetSec = clip.startSample / sampleRate;
    const recognized = await recognizeClip(recognizer, { samples: clip.samples, sampleRate, offsetSec }, options.signal);
    const bounds = { startSec: offsetSec, endSec: offsetSec + clip.samples.length / sampleRate };
    const segments = recognized.filter((segment) => segment.text.trim().length > 0).map((segment) => toLaneSegment(segment, clip, clipIndex, bounds, result));
    result.segments.push(...segments);

    if (clip.lane !== options.diarizedLane) {
      continue;
    }
    const labelled = segments.length > 0 && segments.every((segment) => segment.engineSpeaker !== null);
    if (labelled) {
      result.voiceUnits.push(...segments.map((segment) => segmentUnitOf(clip, sampleRate, segment)));
      continue;
    }
    while (pieceCursor < options.voicePieces.length && (options.voicePieces[pieceCursor]?.startSec ?? 0) < bounds.endSec) {
      const piece = options.voicePieces[pieceCursor++];
      if (piece !== undefined) {
        result.voiceUnits.push(pieceUnitOf(clip, sampleRate, piece));
      }
    }
  }
  return result;
}

async function recognizeClip(recognizer: SpeechRecognizer, clip: AudioClip, signal: AbortSignal | undefined): Promise<RecognizedSegment[]> {
  try {
    return await recognizer.recognize(clip, signal === undefined ? { language: 'ru' } : { language: 'ru', signal });
  } catch (error) {
    throw new RecognitionError(error);
  }
}

function toLaneSegment(segment: RecognizedSegment, clip: Clip, clipIndex: number, bounds: TimeSpan, result: RecognitionPassResult): LaneSegment {
  const clamp = (time: number): number => Math.min(bounds.endSec, Math.max(bounds.startSec, time));
  const startSec = clamp(segment.startSec);
  const endSec = Math.max(startSec, clamp(segment.endSec));
  if (segment.startSec < bounds.startSec - CLAMP_NOTICE_SEC || segment.endSec > bounds.endSec + CLAMP_NOTICE_SEC) {
    result.clampedSegments++;
  }
  const words = segment.words.map((word) => ({
    ...word,
    startSec: word.startSec === null ? null : clamp(word.startSec),
    endSec: word.endSec === null ? null : clamp(word.endSec),
  }));
  return {
    lane: clip.lane,
    clip: clipIndex,
    startSec,
    endSec,
    text: segment.text.trim(),
    confidence: segment.confidence,
    words,
    engineSpeaker: segment.speaker,
  };
}

function samplesOf(clip: Clip, sampleRate: number, span: TimeSpan): Float32Array {
  const from = Math.max(0, Math.round(span.startSec * sampleRate) - clip.startSample);
  const to = Math.min(clip.samples.length, Math.round(span.endSec * sampleRate) - clip.startSample);
  return to > from ? clip.samples.subarray(from, to) : new Float32Array(0);
}

function segmentUnitOf(clip: Clip, sampleRate: number, segment: LaneSegment): VoiceUnit {
  const samples = samplesOf(clip, sampleRate, segment);
  const pitch = samples.length > 0 ? measureVoicePitch(samples, sampleRate) : null;
  return { startSec: segment.startSec, endSec: segment.endSec, pitch, segment, parts: [] };
}

function pieceUnitOf(clip: Clip, sampleRate: number, piece: PieceToMeasure): VoiceUnit {
  const samples = samplesOf(clip, sampleRate, piece);
  const pitch = samples.length > 0 ? measureVoicePitch(samples, sampleRate) : null;
  const parts = (piece.parts ?? []).map((part): VoicePartUnit => ({ startSec: part.startSec, endSec: part.endSec, pauseBeforeSec: part.pauseBeforeSec }));
  return { startSec: piece.startSec, endSec: piece.endSec, pitch, segment: null, parts: parts.length < 2 ? [] : parts };
}
