import type { Evidence, Finding } from '../../model/evaluation.ts';

/** A finding before the checklist gives it a severity. */
export type FindingDraft = Omit<Finding, 'severity'>;

// A grouped finding lists at most this many further places.
export const MAX_EXTRA_EVIDENCE = 10;

/** Builds a finding from its main place and any further places that show the same behaviour. */
export function draftFinding(
  kind: FindingDraft['kind'],
  main: Evidence,
  explanation: string,
  recommendation: string,
  further: readonly Evidence[] = [],
): FindingDraft {
  return {
    kind,
    turn: main.turn,
    startSec: main.startSec,
    quote: main.quote,
    explanation,
    recommendation,
    evidence: further.slice(0, MAX_EXTRA_EVIDENCE),
  };
}
