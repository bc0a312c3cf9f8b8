import type { Checklist } from '../../model/checklist.ts';
import type { Finding, FindingKind, Severity } from '../../model/evaluation.ts';
import type { DetectorInput } from '../detector-input.ts';
import type { MoodCue } from '../sentiment.ts';
import { detectClientDissatisfied } from './client-dissatisfied.ts';
import type { FindingDraft } from './finding-draft.ts';
import { detectForbiddenPhrases } from './forbidden-phrase.ts';
import { detectInterruptions } from './interruption.ts';
import { detectIrritation } from './irritation.ts';
import { detectLongHolds } from './long-hold.ts';
import { detectNeedsNotDiscovered } from './needs-not-discovered.ts';
import { detectNoSolution } from './no-solution.ts';
import { detectQuestionIgnored } from './question-ignored.ts';
import { detectScriptedSpeech } from './scripted-speech.ts';
import { detectTemplateAnswers } from './template-answer.ts';

/**
 * Severity of a kind the checklist does not configure. `promise_not_kept` and `missed_call_no_callback`
 * need the call log and are found outside this engine.
 */
export const DEFAULT_SEVERITY: Readonly<Record<FindingKind, Severity>> = {
  irritation: 'critical',
  question_ignored: 'major',
  promise_not_kept: 'critical',
  missed_call_no_callback: 'critical',
  template_answer: 'minor',
  no_solution: 'critical',
  needs_not_discovered: 'major',
  scripted_speech: 'minor',
  client_dissatisfied: 'major',
  interruption: 'minor',
  long_hold: 'major',
  forbidden_phrase: 'major',
};

type Detector = (input: DetectorInput, cues: readonly MoodCue[]) => FindingDraft[];

const DETECTORS: readonly [FindingKind, Detector][] = [
  ['irritation', detectIrritation],
  ['question_ignored', detectQuestionIgnored],
  ['template_answer', detectTemplateAnswers],
  ['no_solution', detectNoSolution],
  ['needs_not_discovered', detectNeedsNotDiscovered],
  ['scripted_speech', detectScriptedSpeech],
  ['client_dissatisfied', detectClientDissatisfied],
  ['interruption', detectInterruptions],
  ['long_hold', detectLongHolds],
  ['forbidden_phrase', detectForbiddenPhrases],
];

/** Runs every detector the checklist enables and gives each finding the checklist's severity. */
export function detectFindings(input: DetectorInput, cues: readonly MoodCue[]): Finding[] {
  const findings: Finding[] = [];
  for (const [kind, detect] of DETECTORS) {
    const settings = findingSettings(input.checklist, kind);
    if (!settings.enabled) {
      continue;
    }
    for (const draft of detect(input, cues)) {
      findings.push({
        kind: draft.kind,
        severity: settings.severity,
        turn: draft.turn,
        startSec: draft.startSec,
        quote: draft.quote,
        explanation: draft.explanation,
        recommendation: draft.recommendation,
        evidence: draft.evidence,
      });
    }
  }
  return findings.sort((a, b) => a.turn - b.turn || DETECTORS.findIndex(([kind]) => kind === a.kind) - DETECTORS.findIndex(([kind]) => kind === b.kind));
}

function findingSettings(checklist: Checklist, kind: FindingKind): { enabled: boolean; severity: Severity } {
  const configured = checklist.findings.find((settings) => settings.kind === kind);
  return configured ?? { enabled: true, severity: DEFAULT_SEVERITY[kind] };
}
