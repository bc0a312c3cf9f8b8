import type { CallWord, TurnView } from '../call-view.ts';
import { isBackchannel } from '../criteria/objections.ts';
import { type DetectorInput, patternsOf, turnMatchEvidence } from '../detector-input.ts';
import { evidenceFromTurn, momentLead } from '../evidence.ts';
import { TEMPLATE_ANSWER_PHRASES } from '../lexicon/manager-behaviour.lexicon.ts';
import { findAnyPhrase } from '../../text/phrase-pattern.ts';
import { draftFinding, type FindingDraft } from './finding-draft.ts';

// The client's words the template answers are looked for this many turns back; crosstalk and backchannels
// («да», «ну») put several short turns in between.
const LOOK_BACK_TURNS = 8;
// A client turn of at least this many words asks or says something specific.
const SPECIFIC_WORDS = 4;
// Nouns this short («дом», «раз») tell nothing about the topic.
const CONTENT_LEMMA_LENGTH = 4;

/**
 * Template answer: the manager meets a specific question or complaint of the client with a generic phrase
 * that does not address it («так положено», «все условия на сайте», «такая политика компании»).
 */
export function detectTemplateAnswers(input: DetectorInput): FindingDraft[] {
  const patterns = patternsOf(input, TEMPLATE_ANSWER_PHRASES);
  const findings: FindingDraft[] = [];
  input.view.turns.forEach((turn, position) => {
    if (turn.turn.role !== 'manager' || !turn.quotable) {
      return;
    }
    const match = findAnyPhrase(patterns, turn.words);
    const asked = match === null ? undefined : clientTurnBefore(input, position);
    if (match === null || asked === undefined || takesUpClientWords(turn.words.slice(match.first, match.last + 1), asked)) {
      return;
    }
    const evidence = turnMatchEvidence(input, turn, match);
    const clientEvidence = evidenceFromTurn(input.view, asked, true);
    findings.push(draftFinding(
      'template_answer',
      evidence,
      `На слова клиента «${clientEvidence.quote}» менеджер ответил общей фразой, которая их не касается.`,
      `${momentLead(evidence, 'manager', 'ответили')} — ответьте по существу: что именно и почему происходит у этого клиента, а правила компании или сайт упомяните только вдобавок.`,
      [clientEvidence],
    ));
  });
  return findings;
}

function clientTurnBefore(input: DetectorInput, position: number): TurnView | undefined {
  for (let index = position - 1; index >= 0 && index >= position - LOOK_BACK_TURNS; index--) {
    const turn = input.view.turns[index];
    if (turn?.turn.role !== 'client' || !turn.quotable || isBackchannel(turn)) {
      continue;
    }
    if (turn.words.length >= SPECIFIC_WORDS || input.questionsByTurn.has(turn)) {
      return turn;
    }
  }
  return undefined;
}

/**
 * Tells whether the generic phrase takes up a noun the client used. «То, что вы смотрите на сайте, — общие
 * условия» answers a client who quotes the site. «Всё есть на сайте» to a question about a bill sends the
 * client away.
 */
function takesUpClientWords(phrase: readonly CallWord[], client: TurnView): boolean {
  const clientLemmas = new Set(client.words.map((word) => word.lemma));
  return phrase.some((word) => word.pos === 'NOUN' && word.lemma.length >= CONTENT_LEMMA_LENGTH && clientLemmas.has(word.lemma));
}
