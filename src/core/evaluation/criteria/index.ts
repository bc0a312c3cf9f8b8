import type { CriterionDefinition, CriterionId } from '../../model/checklist.ts';
import type { CriterionVerdict } from '../../model/evaluation.ts';
import type { CriterionOutcome, DetectorInput } from '../detector-input.ts';
import { patternsOf } from '../detector-input.ts';
import { displayPhrase } from '../russian-text.ts';
import { managerPhraseHits, judgeSpeechQuality } from './speech-quality.ts';
import { judgeClientName } from './client-name.ts';
import { judgeFarewell } from './farewell.ts';
import { judgeGreeting } from './greeting.ts';
import { judgeIntroduction } from './introduction.ts';
import { judgeNeeds } from './needs.ts';
import { judgeNextStep } from './next-step.ts';
import { judgeObjections } from './objections.ts';
import { judgePresentation } from './presentation.ts';
import { judgeSummary } from './summary.ts';

type CriterionJudge = (input: DetectorInput, definition: CriterionDefinition) => CriterionOutcome;

const JUDGES: Record<CriterionId, CriterionJudge> = {
  greeting: judgeGreeting,
  introduction: judgeIntroduction,
  client_name: judgeClientName,
  needs: judgeNeeds,
  presentation: judgePresentation,
  objections: judgeObjections,
  next_step: judgeNextStep,
  summary: judgeSummary,
  farewell: judgeFarewell,
  speech_quality: judgeSpeechQuality,
};

/** Judges every enabled criterion of the checklist, in the checklist's order. */
export function judgeCriteria(input: DetectorInput): CriterionVerdict[] {
  return input.checklist.criteria
    .filter((definition) => definition.enabled)
    .map((definition) => {
      const outcome = applyStopPhrases(input, definition, JUDGES[definition.id](input, definition));
      return {
        id: definition.id,
        title: definition.title,
        weight: definition.weight,
        critical: definition.critical,
        result: outcome.result,
        explanation: outcome.explanation,
        evidence: outcome.evidence,
      };
    });
}

/**
 * A criterion's stop phrases fail it wherever the manager says them («привет» fails the greeting).
 * Speech culture counts its stop phrases itself.
 */
function applyStopPhrases(input: DetectorInput, definition: CriterionDefinition, outcome: CriterionOutcome): CriterionOutcome {
  if (definition.id === 'speech_quality' || definition.stopPhrases.length === 0 || outcome.result === 'not_applicable') {
    return outcome;
  }
  const [hit] = managerPhraseHits(input, patternsOf(input, definition.stopPhrases));
  if (hit === undefined) {
    return outcome;
  }
  return {
    result: 'failed',
    explanation: `Менеджер сказал «${displayPhrase(hit.phrase)}» — эта фраза не допускается для критерия «${definition.title}».`,
    evidence: [hit.evidence],
  };
}
