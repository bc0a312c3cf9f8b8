import type { Morphology } from '../text/morphology.ts';

/** What an evaluation needs besides the transcript and the checklist; the core reads no config or clock itself. */
export interface EvaluationContext {
  morphology: Morphology;
  /** IANA zone for promise due times when the call's start carries no offset. */
  timeZone: string;
}
