import type { FindingKind, Severity } from './evaluation.ts';

export const CRITERION_IDS = [
  'greeting',
  'introduction',
  'client_name',
  'needs',
  'presentation',
  'objections',
  'next_step',
  'summary',
  'farewell',
  'speech_quality',
] as const;

export type CriterionId = (typeof CRITERION_IDS)[number];

export interface CriterionDefinition {
  id: CriterionId;
  /** Russian name shown in the UI. */
  title: string;
  description: string;
  weight: number;
  /** A failed critical criterion caps the call's score (see `Checklist.criticalCap`). */
  critical: boolean;
  enabled: boolean;
  /** Phrases that pass the criterion, matched by lemma: «добрый день» also matches «доброго дня». */
  phrases: string[];
  /** Phrases that fail the criterion wherever the manager says them. */
  stopPhrases: string[];
}

export interface FindingSettings {
  kind: FindingKind;
  enabled: boolean;
  severity: Severity;
}

export interface ChecklistSettings {
  /** Silence or hold longer than this, in seconds, without a warning is a `long_hold` finding. */
  longHoldSec: number;
  /** A transcript with fewer words per minute of the call's duration than this is incomplete. */
  minWordsPerMinute: number;
  /** Score cap, 0–100, applied when a critical criterion fails. */
  criticalCap: number;
}

export interface Checklist {
  id: string;
  version: number;
  title: string;
  criteria: CriterionDefinition[];
  findings: FindingSettings[];
  /** Phrases the company bans; any manager turn with one is a `forbidden_phrase` finding. */
  forbiddenPhrases: string[];
  settings: ChecklistSettings;
}
