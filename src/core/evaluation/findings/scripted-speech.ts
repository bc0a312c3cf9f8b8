import type { CallView, TurnView } from '../call-view.ts';
import { isBackchannel } from '../criteria/objections.ts';
import { type DetectorInput, patternsOf, turnMatchEvidence } from '../detector-input.ts';
import { momentLead } from '../evidence.ts';
import { SCRIPT_MARKER_PHRASES } from '../lexicon/manager-behaviour.lexicon.ts';
import { OBJECTION_ACKNOWLEDGE_PHRASES } from '../lexicon/sales.lexicon.ts';
import { containsAnyPhrase, findAnyPhrase, type PhraseMatch } from '../../text/phrase-pattern.ts';
import { draftFinding, type FindingDraft } from './finding-draft.ts';

// A scripted turn is long: a read-out block, not a short formula.
const SCRIPTED_MIN_WORDS = 15;
// The client's turn before it said something of substance.
const CLIENT_MIN_WORDS = 5;
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
    const client = clientTurnBefore(input.view, turn);
    return client !== undefined && !sharesContent(client, turn) && !containsAnyPhrase(acknowledging, turn.words.slice(0, 6));
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

function clientTurnBefore(view: CallView, turn: TurnView): TurnView | undefined {
  for (let index = turn.position - 1; index >= 0; index--) {
    const candidate = view.turns[index];
    if (!candidate?.quotable) {
      continue;
    }
    if (candidate.turn.role === 'manager' && !isBackchannel(candidate)) {
      return undefined;
    }
    if (candidate.turn.role === 'client' && !isBackchannel(candidate)) {
      return candidate.words.length >= CLIENT_MIN_WORDS ? candidate : undefined;
    }
  }
  return undefined;
}

function sharesContent(client: TurnView, manager: TurnView): boolean {
  const clientLemmas = new Set(client.words.filter((word) => word.lemma.length >= CONTENT_LEMMA_LENGTH && (word.pos === 'NOUN' || word.pos === 'INFN' || word.pos === 'VERB' || word.pos === 'ADJF')).map((word) => word.lemma));
  return manager.words.some((word) => clientLemmas.has(word.lemma));
}
