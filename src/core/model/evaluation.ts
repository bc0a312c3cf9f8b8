import type { CriterionId } from './checklist.ts';
import type { CallInfo, SourceWarning } from './transcript.ts';

export const FINDING_KINDS = [
  'irritation',
  'question_ignored',
  'promise_not_kept',
  'missed_call_no_callback',
  'template_answer',
  'no_solution',
  'needs_not_discovered',
  'scripted_speech',
  'client_dissatisfied',
  'interruption',
  'long_hold',
  'forbidden_phrase',
] as const;

export type FindingKind = (typeof FINDING_KINDS)[number];

export type Severity = 'critical' | 'major' | 'minor';

export type CriterionResult = 'passed' | 'failed' | 'not_applicable';

export type Sentiment = 'positive' | 'neutral' | 'negative';

/** A place in the call that backs a verdict. `quote` is the transcript's own words, unchanged. */
export interface Evidence {
  turn: number;
  startSec: number | null;
  quote: string;
}

export interface CriterionVerdict {
  id: CriterionId;
  title: string;
  weight: number;
  critical: boolean;
  result: CriterionResult;
  /** Russian explanation of the verdict, for the report and the review page. */
  explanation: string;
  evidence: Evidence[];
}

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  turn: number;
  startSec: number | null;
  quote: string;
  /** Russian: what happened. */
  explanation: string;
  /** Russian: what to do instead, referring to the moment in the call. */
  recommendation: string;
  /** Further places in the call that show the same finding. */
  evidence: Evidence[];
}

export type PromiseAction = 'callback' | 'send' | 'visit' | 'transfer' | 'other';

export interface CallPromise {
  turn: number;
  startSec: number | null;
  quote: string;
  action: PromiseAction;
  /** The due time as said in the call («завтра до обеда»), or null when none was said. */
  dueText: string | null;
  /** The due time resolved against the call's start, ISO 8601, or null when unknown. */
  due: string | null;
}

export interface CallMetrics {
  turns: number;
  managerWords: number;
  clientWords: number;
  /** Share of words (or of talk time, when the signal was measured) spoken by the manager, 0..1. */
  managerTalkShare: number | null;
  longestManagerMonologueSec: number | null;
  longestManagerMonologueWords: number;
  managerQuestions: number;
  clientQuestions: number;
  interruptions: number;
  silenceSec: number | null;
  /** Manager words per minute, where turn times are known. */
  speechRateWpm: number | null;
  scriptedTurns: number;
}

export interface TranscriptQuality {
  /** False when the transcript is far shorter than the call or stops before its end. */
  complete: boolean;
  noSpeech: boolean;
  warnings: SourceWarning[];
}

export interface Evaluation {
  call: CallInfo;
  checklist: { id: string; version: number };
  /** 0–100, or null when nothing could be judged (no speech). */
  score: number | null;
  criteria: CriterionVerdict[];
  findings: Finding[];
  metrics: CallMetrics;
  promises: CallPromise[];
  client: { sentimentStart: Sentiment | null; sentimentEnd: Sentiment | null };
  transcript: TranscriptQuality;
}
