import type { ChecklistSettings } from '../model/checklist.ts';
import type { SourceWarning } from '../model/transcript.ts';
import { type CallView, type CallWord, turnsOf, type TurnView } from './call-view.ts';
import { cachedPatterns } from './lexicon-cache.ts';
import {
  BACKCHANNEL_WORDS,
  CLOSING_PHRASES,
  CONNECTION_PROBLEM_PHRASES,
  HOLD_WARNING_PHRASES,
  TRANSFER_PHRASES,
} from './lexicon/conversation.lexicon.ts';
import { NEXT_STEP_PHRASES } from './lexicon/outcome.lexicon.ts';
import { containsAnyPhrase } from '../text/phrase-pattern.ts';

/** Limits of a transcript: which parts of the call it shows and which criteria it lets the engine judge. */
export interface Completeness {
  /** No party says a word: nothing can be judged. */
  noSpeech: boolean;
  /** The manager's channel is empty: none of the manager's criteria can be judged. */
  managerSilent: boolean;
  /** False when the transcript is far shorter than the call or stops before its end. */
  complete: boolean;
  /** The end of the call is missing or the call broke off: closing criteria cannot be judged. */
  endingMissing: boolean;
  warnings: SourceWarning[];
}

// The last turn may end this much before the call's end (hang-up, IVR, rating) before it counts as cut.
const END_SLACK_SEC = 30;
const END_SLACK_SHARE = 0.25;
// Closing signals are looked for in this many last words of the call, both parties together. Crosstalk at
// the end splits «не кладите трубку» into many short turns, so a count of turns would reach too little.
const CLOSING_WORDS = 40;
// A call whose last word is a preposition or a conjunction stopped mid-sentence.
const DANGLING_WORDS = new Set(['и', 'а', 'но', 'или', 'что', 'чтобы', 'если', 'в', 'на', 'по', 'с', 'к', 'для', 'от', 'до', 'из', 'за', 'у', 'о', 'при', 'который', 'которые', 'потому']);
// A client turn this short before the manager's last words is a backchannel, not a reply of substance.
const PASSIVE_CLIENT_WORDS = 2;
// A last manager turn this long is an explanation, not a curt final reply («ну, как хотите»).
const LONG_LAST_EXPLANATION_WORDS = 25;
// The manager's hold request is looked for in their last words.
const LAST_MANAGER_WORDS = 12;

export function assessCompleteness(view: CallView, settings: ChecklistSettings): Completeness {
  const { transcript } = view;
  const warnings: SourceWarning[] = [];
  const speaking = view.turns.filter((turn) => turn.quotable && turn.words.length > 0);
  const noSpeech = speaking.length === 0;
  const managerSilent = turnsOf(view, 'manager').length === 0;
  if (noSpeech) {
    return { noSpeech, managerSilent, complete: false, endingMissing: true, warnings };
  }

  const durationSec = transcript.call.durationSec;
  const words = speaking.reduce((sum, turn) => sum + turn.words.length, 0);
  // Words per minute tell a short transcript only when the turns have no times: with times, a long hold
  // is a silence the transcript shows, not text that is missing, and the last turn's time tells a cut.
  const timed = transcript.signal !== undefined || speaking.some((turn) => turn.turn.startSec !== null);
  if (durationSec !== null && durationSec > 0) {
    const wordsPerMinute = words / (durationSec / 60);
    if (!timed && wordsPerMinute < settings.minWordsPerMinute) {
      warnings.push({
        code: 'transcript_too_short',
        message: `Расшифровка слишком короткая для длительности звонка: ${Math.round(wordsPerMinute)} слов в минуту при норме от ${settings.minWordsPerMinute}. Часть разговора, вероятно, не распознана.`,
      });
    }
    const lastEnd = lastSpeechSec(speaking);
    if (lastEnd !== null && durationSec - lastEnd > Math.max(END_SLACK_SEC, durationSec * END_SLACK_SHARE)) {
      warnings.push({
        code: 'transcript_ends_early',
        message: `Расшифровка заканчивается на ${Math.round(lastEnd)} с, а звонок длился ${Math.round(durationSec)} с.`,
      });
    }
  }
  // Importers flag a text whose length is exactly a storage limit (32,767 characters of a spreadsheet
  // cell, 65,535 of a TEXT column): the export cut it there and the end of the call is lost.
  if (transcript.warnings.some((warning) => /truncat/iu.test(warning.code))) {
    warnings.push({
      code: 'transcript_truncated',
      message: 'Текст расшифровки обрезан при выгрузке: конец разговора потерян, критерии завершения звонка не оцениваются.',
    });
  }

  const complete = warnings.length === 0;
  const endingMissing = !complete || endingLooksCut(view, speaking);
  return { noSpeech, managerSilent, complete, endingMissing, warnings };
}

function lastSpeechSec(turns: readonly TurnView[]): number | null {
  let last: number | null = null;
  for (const { turn } of turns) {
    const time = turn.endSec ?? turn.startSec;
    if (time !== null && (last === null || time > last)) {
      last = time;
    }
  }
  return last;
}

/**
 * Tells whether the call broke off rather than ended. It did when the manager's last words put the client
 * on hold, when the line failed, when the last word leaves a sentence open, or when the manager was
 * mid-explanation and the last words hold no closing at all (no thanks, goodbye, transfer or agreed step).
 */
function endingLooksCut(view: CallView, speaking: readonly TurnView[]): boolean {
  // The greeting's «добрый день» is no goodbye: the tail of a short call stops after the manager's first
  // turn, unless that turn is all the manager says.
  const managerTurns = speaking.filter((turn) => turn.turn.role === 'manager').length;
  const firstManager = managerTurns > 1 ? speaking.findIndex((turn) => turn.turn.role === 'manager') : -1;
  const tail: TurnView[] = [];
  let words = 0;
  for (let index = speaking.length - 1; index > firstManager && words < CLOSING_WORDS; index--) {
    const turn = speaking[index];
    if (turn !== undefined) {
      tail.unshift(turn);
      words += turn.words.length;
    }
  }
  const tailWords = tail.flatMap((turn) => turn.words);
  const has = (phrases: readonly string[], searched: readonly CallWord[]): boolean => containsAnyPhrase(cachedPatterns(view.morphology, phrases), searched);
  const closed = has(CLOSING_PHRASES, tailWords) || has(TRANSFER_PHRASES, tailWords);

  // A last word that leaves the sentence open («…проводятся работы и») means the recording stopped, unless
  // the parties had already said goodbye («всего доброго, до…»).
  const lastWord = speaking.at(-1)?.words.at(-1);
  if (lastWord !== undefined && DANGLING_WORDS.has(lastWord.norm) && !closed) {
    return true;
  }

  const lastTwo = tail.slice(-2).flatMap((turn) => turn.words);
  if (has(CONNECTION_PROBLEM_PHRASES, lastTwo)) {
    return true;
  }
  const managerEnd = view.manager.words.slice(-LAST_MANAGER_WORDS);
  if (has(HOLD_WARNING_PHRASES, managerEnd) && !has(CLOSING_PHRASES, managerEnd) && !has(TRANSFER_PHRASES, managerEnd)) {
    return true;
  }
  // With no closing at all, the recording stopped mid-flow when the manager has the last word and the
  // client only backchannelled before it («да», «а»). A client who said something of substance and got a
  // reply («ну, как хотите») was answered, and the call ended without a goodbye.
  if (closed || has(NEXT_STEP_PHRASES, tailWords)) {
    return false;
  }
  // The client's «да» over the manager's last words does not give the client the last word.
  let end = speaking.length;
  while (end > 0 && isPassiveClientTurn(speaking[end - 1])) {
    end -= 1;
  }
  const last = speaking[end - 1];
  const lastClient = speaking.slice(0, end).filter((turn) => turn.turn.role === 'client').at(-1);
  if (last?.turn.role !== 'manager') {
    return false;
  }
  // A long explanation with no closing after it was cut mid-flow even when the client had spoken before it.
  if (last.words.length >= LONG_LAST_EXPLANATION_WORDS) {
    return true;
  }
  return lastClient === undefined || lastClient.words.length <= PASSIVE_CLIENT_WORDS || lastClient.words.every((word) => BACKCHANNEL_WORDS.has(word.norm));
}

function isPassiveClientTurn(turn: TurnView | undefined): boolean {
  return turn?.turn.role === 'client' && turn.words.length <= PASSIVE_CLIENT_WORDS && turn.words.every((word) => BACKCHANNEL_WORDS.has(word.norm));
}
