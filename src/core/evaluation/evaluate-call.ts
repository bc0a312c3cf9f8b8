import type { Checklist } from '../model/checklist.ts';
import type { CriterionVerdict, Evaluation } from '../model/evaluation.ts';
import type { Role, Transcript } from '../model/transcript.ts';
import { buildCallView, type CallView, type CallWord, type TurnView } from './call-view.ts';
import { assessCompleteness, type Completeness } from './completeness.ts';
import { judgeCriteria } from './criteria/index.ts';
import { type DetectorInput, groupQuestionsByTurn } from './detector-input.ts';
import type { EvaluationContext } from './evaluation-context.ts';
import { detectFindings } from './findings/index.ts';
import { computeMetrics } from './metrics.ts';
import { extractPromises } from './promises.ts';
import { findQuestions, type QuestionSpan } from './questions.ts';
import { scoreCall } from './score.ts';
import { clientMoodCues, clientSentiment } from './sentiment.ts';

/**
 * Evaluates one call against a checklist: criteria verdicts with evidence, findings with recommendations,
 * metrics, promises, the client's mood and the score. Pure and deterministic: the same input gives the
 * same output, byte for byte when serialised.
 */
export function evaluateCall(transcript: Transcript, checklist: Checklist, context: EvaluationContext): Evaluation {
  const view = buildCallView(transcript, context.morphology);
  const completeness = assessCompleteness(view, checklist.settings);
  const managerQuestions = questionsOf(view, 'manager');
  const clientQuestions = questionsOf(view, 'client');
  const input: DetectorInput = {
    view,
    checklist,
    completeness,
    managerQuestions,
    clientQuestions,
    questionsByTurn: groupQuestionsByTurn([...managerQuestions, ...clientQuestions]),
  };
  const metrics = computeMetrics(input);

  if (completeness.noSpeech) {
    return {
      call: transcript.call,
      checklist: { id: checklist.id, version: checklist.version },
      score: null,
      criteria: noSpeechVerdicts(checklist),
      findings: [],
      metrics,
      promises: [],
      client: { sentimentStart: null, sentimentEnd: null },
      transcript: transcriptQuality(completeness, transcript),
    };
  }

  const criteria = judgeCriteria(input);
  const cues = clientMoodCues(input);
  const findings = detectFindings(input, cues);
  const quotable = view.turns.filter((turn) => turn.quotable).map((turn) => turn.turn);
  // Promise extraction reads the words the call view has analysed already.
  const wordsByTurn = new Map(view.turns.map((turn) => [turn.turn, turn.words]));
  const wordsOf = (turn: Transcript['turns'][number]): readonly CallWord[] => wordsByTurn.get(turn) ?? [];
  return {
    call: transcript.call,
    checklist: { id: checklist.id, version: checklist.version },
    score: scoreCall(criteria, findings, checklist.settings),
    criteria,
    findings,
    metrics,
    promises: extractPromises(quotable, { morphology: context.morphology, callStartedAt: transcript.call.startedAt, timeZone: context.timeZone, wordsOf }),
    client: clientSentiment(input, cues),
    transcript: transcriptQuality(completeness, transcript),
  };
}

/** Questions of one party; each turn is read with the other party's reply, for yes-or-no questions. */
function questionsOf(view: CallView, role: Role): QuestionSpan[] {
  const byTurn: QuestionSpan[][] = [];
  let reply: TurnView | undefined;
  // Walks back from the end so that each turn gets the other party's next turn without a search.
  for (let position = view.turns.length - 1; position >= 0; position--) {
    const turn = view.turns[position];
    if (!turn?.quotable) {
      continue;
    }
    if (turn.turn.role === role) {
      byTurn.push(findQuestions(view, turn, reply));
    } else if (turn.turn.role !== 'unknown' && turn.words.length > 0) {
      reply = turn;
    }
  }
  return byTurn.reverse().flat();
}

function noSpeechVerdicts(checklist: Checklist): CriterionVerdict[] {
  return checklist.criteria
    .filter((definition) => definition.enabled)
    .map((definition) => ({
      id: definition.id,
      title: definition.title,
      weight: definition.weight,
      critical: definition.critical,
      result: 'not_applicable',
      explanation: 'В записи нет речи — оценивать нечего.',
      evidence: [],
    }));
}

function transcriptQuality(completeness: Completeness, transcript: Transcript): Evaluation['transcript'] {
  return {
    complete: completeness.complete,
    noSpeech: completeness.noSpeech,
    warnings: [...transcript.warnings, ...completeness.warnings],
  };
}
