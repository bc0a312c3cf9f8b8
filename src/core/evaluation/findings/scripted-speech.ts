import type { CallWord, TurnView } from '../call-view.ts';
import { isBackchannel } from '../criteria/objections.ts';
import { type DetectorInput, patternsOf, turnMatchEvidence } from '../detector-input.ts';
import { momentLead } from '../evidence.ts';
import { CLOSING_PHRASES } from '../lexicon/conversation.lexicon.ts';
import { SCRIPT_MARKER_PHRASES } from '../lexicon/manager-behaviour.lexicon.ts';
import { OBJECTION_ACKNOWLEDGE_PHRASES } from '../lexicon/sales.lexicon.ts';
import { containsAnyPhrase, findAnyPhrase, type PhraseMatch } from '../../text/phrase-pattern.ts';
import { draftFinding, type FindingDraft } from './finding-draft.ts';

// A scripted turn is long: a read-out block, not a short formula.
const SCRIPTED_MIN_WORDS = 15;
// The client said something of substance before it.
const CLIENT_MIN_WORDS = 5;
// A manager turn this short («ну смотрите», «так») only takes the floor before the scripted block.
const MANAGER_OPENER_WORDS = 2;
// A client turn this short with thanks or a goodbye only closes the call.
const SHORT_CLOSING_WORDS = 4;
// Lemmas this short are function words and tell nothing about what the client said.
const CONTENT_LEMMA_LENGTH = 4;

export interface ScriptedTurn {
  turn: TurnView;
  match: PhraseMatch;
}

/** Long manager turns with phrases of a read-out script (pitch or hold formulas). */
export function scriptedTurns(input: DetectorInput): ScriptedTurn[] {
  const patterns = patternsOf(input, SCRIPT_MARKER_PHRASES);
  const result: ScriptedTurn[] = [];
  for (const turn of input.view.turns) {
    if (turn.turn.role !== 'manager' || !turn.quotable || turn.words.length < SCRIPTED_MIN_WORDS) {
      continue;
    }
    const match = findAnyPhrase(patterns, turn.words);
    if (match !== null) {
      result.push({ turn, match });
    }
  }
  return result;
}

/**
 * Scripted speech: a long manager turn read out as a template right after the client said something of
 * substance, taking up none of the client's words and not acknowledging them.
 */
export function detectScriptedSpeech(input: DetectorInput): FindingDraft[] {
  const acknowledging = patternsOf(input, OBJECTION_ACKNOWLEDGE_PHRASES);
  const ignoring = scriptedTurns(input).filter(({ turn }) => {
    const client = clientWordsBefore(input, turn);
    return client !== null && !sharesContent(client, turn) && !containsAnyPhrase(acknowledging, turn.words.slice(0, 6));
  });
  const [first, ...rest] = ignoring;
  if (first === undefined) {
    return [];
  }
  const evidence = turnMatchEvidence(input, first.turn, first.match);
  return [draftFinding(
    'scripted_speech',
    evidence,
    'Менеджер зачитал заготовленный текст, не отреагировав на то, что только что сказал клиент.',
    `${momentLead(evidence, 'manager', 'перешли к заготовленному тексту')} — сначала откликнитесь на слова клиента (повторите, что услышали, задайте уточняющий вопрос), а текст скрипта перескажите своими словами.`,
    rest.map((turn) => turnMatchEvidence(input, turn.turn, turn.match)),
  )];
}

/**
 * Collects the client's words since the manager's previous turn of substance, across short fragments
 * («опять») and the manager's short openers («ну смотрите»). Returns null when there are too few words for
 * the manager to ignore.
 */
function clientWordsBefore(input: DetectorInput, turn: TurnView): CallWord[] | null {
  const closing = patternsOf(input, CLOSING_PHRASES);
  const words: CallWord[] = [];
  for (let index = turn.position - 1; index >= 0; index--) {
    const candidate = input.view.turns[index];
    if (!candidate?.quotable) {
      continue;
    }
    if (candidate.turn.role === 'manager' && !isBackchannel(candidate) && candidate.words.length > MANAGER_OPENER_WORDS) {
      break;
    }
    // «Нет, всё, спасибо», «до свидания» close the call and ask for no reaction.
    const closes = candidate.words.length <= SHORT_CLOSING_WORDS && containsAnyPhrase(closing, candidate.words);
    if (candidate.turn.role === 'client' && !isBackchannel(candidate) && !closes) {
      words.unshift(...candidate.words);
    }
  }
  return words.length >= CLIENT_MIN_WORDS ? words : null;
}

function sharesContent(client: readonly CallWord[], manager: TurnView): boolean {
  const clientLemmas = new Set(client.filter((word) => word.lemma.length >= CONTENT_LEMMA_LENGTH && (word.pos === 'NOUN' || word.pos === 'INFN' || word.pos === 'VERB' || word.pos === 'ADJF')).map((word) => word.lemma));
  return manager.words.some((word) => clientLemmas.has(word.lemma));
}
