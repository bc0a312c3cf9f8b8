import type { SourceWarning } from '../core/model/transcript.ts';

export interface DurationFacts {
  file: string;
  decodedSec: number;
  /** Duration the container declares (WAV data size, FLAC sample count, MP3 Xing header, …). */
  containerSec: number | null;
  /** Call duration from the call log, when known. */
  expectedSec: number | null;
}

/**
 * Tolerances: codecs add or trim up to about 0.12 s of priming at the edges (MP3 and AAC encoder
 * delay), so small differences are not truncation. A call log's duration counts the connected call,
 * which may differ from the recording by a few seconds of ringing or a tail, so it gets more room.
 */
const CONTAINER_TOLERANCE = { seconds: 0.5, share: 0.02 };
const CALL_LOG_TOLERANCE = { seconds: 3, share: 0.05 };

/**
 * Compares the decoded length of a recording with the durations its container and the call log declare, and
 * returns a Russian warning for each source that shows the recording was cut short.
 */
export function checkDuration(facts: DurationFacts): SourceWarning[] {
  const warnings: SourceWarning[] = [];
  const { file, decodedSec, containerSec, expectedSec } = facts;
  if (containerSec !== null && isShort(decodedSec, containerSec, CONTAINER_TOLERANCE)) {
    warnings.push({
      code: 'audio_truncated',
      message: `Запись «${file}» обрезана: декодировано ${seconds(decodedSec)} из ${seconds(containerSec)}, заявленных в файле. Конец разговора, вероятно, потерян, поэтому оценка может быть неполной.`,
    });
  }
  if (expectedSec !== null && isShort(decodedSec, expectedSec, CALL_LOG_TOLERANCE)) {
    warnings.push({
      code: 'audio_truncated',
      message: `Запись «${file}» короче разговора по журналу звонков: ${seconds(decodedSec)} вместо ${seconds(expectedSec)}. Часть разговора, вероятно, не записана, поэтому оценка может быть неполной.`,
    });
  }
  return warnings;
}

function isShort(actual: number, declared: number, tolerance: { seconds: number; share: number }): boolean {
  return declared - actual > Math.max(tolerance.seconds, tolerance.share * declared);
}

/** Seconds as Russian users read them: «49,9 с», «2 мин 05 с», «1 ч 02 мин 05 с». */
export function seconds(value: number): string {
  if (value < 60) {
    return `${value.toFixed(1).replace('.', ',')} с`;
  }
  const total = Math.round(value);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${String(hours)} ч ${String(minutes).padStart(2, '0')} мин ${rest} с` : `${String(minutes)} мин ${rest} с`;
}
