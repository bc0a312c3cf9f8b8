import type { Role, SignalMetrics, TimeSpan } from '../core/model/transcript.ts';
import { gapsBetween, intersectionOf, totalLength, unionOf } from './time-spans.ts';

export interface SignalMetricsOptions {
  /** Silence between speech shorter than this is not a pause. */
  minPauseSec: number;
  /** Both parties must speak at once at least this long to count as an overlap. */
  minOverlapSec: number;
  /** A monologue goes on over its speaker's own pauses up to this long. */
  monologueMaxPauseSec: number;
  /** The other party's speech shorter than this («угу», «да») does not end a monologue. */
  monologueBreakSec: number;
}

export const DEFAULT_SIGNAL_METRICS: SignalMetricsOptions = {
  minPauseSec: 2,
  minOverlapSec: 0.2,
  monologueMaxPauseSec: 3,
  monologueBreakSec: 1,
};

/**
 * Measures speech timing from the speech spans of each party, as found on the signal. Pauses are
 * counted between speech only, so ringing before the first word and silence after the last are
 * silence but not pauses.
 */
export function computeSignalMetrics(
  durationSec: number,
  managerSpans: readonly TimeSpan[],
  clientSpans: readonly TimeSpan[],
  options: SignalMetricsOptions = DEFAULT_SIGNAL_METRICS,
): SignalMetrics {
  const manager = unionOf(managerSpans);
  const client = unionOf(clientSpans);
  const anyone = unionOf([...manager, ...client]);
  return {
    durationSec: round(durationSec),
    talkSec: { manager: round(totalLength(manager)), client: round(totalLength(client)) },
    silenceSec: round(Math.max(0, durationSec - totalLength(anyone))),
    pauses: gapsBetween(anyone, options.minPauseSec).map(roundSpan),
    overlaps: findOverlaps(manager, client, options.minOverlapSec),
    longestManagerMonologueSec: round(longestMonologue(manager, client, options)),
    longestClientMonologueSec: round(longestMonologue(client, manager, options)),
  };
}

function findOverlaps(manager: readonly TimeSpan[], client: readonly TimeSpan[], minOverlapSec: number): (TimeSpan & { by: Role })[] {
  return intersectionOf(manager, client)
    .filter((overlap) => overlap.endSec - overlap.startSec >= minOverlapSec)
    .map((overlap) => {
      const managerStart = containing(manager, overlap)?.startSec ?? overlap.startSec;
      const clientStart = containing(client, overlap)?.startSec ?? overlap.startSec;
      const by: Role = managerStart > clientStart ? 'manager' : 'client';
      return { ...roundSpan(overlap), by };
    });
}

function containing(spans: readonly TimeSpan[], inner: TimeSpan): TimeSpan | undefined {
  return spans.find((span) => span.startSec <= inner.startSec && inner.endSec <= span.endSec);
}

/** Finds the maximum length of one party's speech, bridging their own short pauses, until the other party really speaks. */
function longestMonologue(own: readonly TimeSpan[], other: readonly TimeSpan[], options: SignalMetricsOptions): number {
  const interruptions = other.filter((span) => span.endSec - span.startSec >= options.monologueBreakSec);
  let longest = 0;
  let start: number | null = null;
  let end = 0;
  for (const span of own) {
    const interrupted = interruptions.some((other) => other.startSec >= end && other.startSec < span.startSec);
    if (start === null || span.startSec - end > options.monologueMaxPauseSec || interrupted) {
      start = span.startSec;
    }
    end = span.endSec;
    longest = Math.max(longest, end - start);
  }
  return longest;
}

function round(seconds: number): number {
  return Math.round(seconds * 100) / 100;
}

function roundSpan(span: TimeSpan): TimeSpan {
  return { startSec: round(span.startSec), endSec: round(span.endSec) };
}
