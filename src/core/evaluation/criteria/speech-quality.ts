import type { CriterionDefinition } from '../../model/checklist.ts';
import type { Evidence } from '../../model/evaluation.ts';
import { turnsOf } from '../call-view.ts';
import { type CriterionOutcome, type DetectorInput, MANAGER_SILENT_EXPLANATION, notApplicable, patternsOf } from '../detector-input.ts';
import { evidenceFromWords } from '../evidence.ts';
import { findAllPhrases, type PhrasePattern } from '../../text/phrase-pattern.ts';
import { displayPhrase, plural } from '../russian-text.ts';

// Evidence lists at most this many places; the explanation gives the full count.
const MAX_EVIDENCE = 5;

/**
 * Every place where the manager says one of the phrases, in call order. With `fillersOnly`, an exact-form
 * filler (`=типа`) after an adjective or pronoun is skipped: «какого типа» is a noun phrase, not the filler.
 */
export function managerPhraseHits(input: DetectorInput, patterns: readonly PhrasePattern[], fillersOnly = false): { evidence: Evidence; phrase: string }[] {
  const hits: { evidence: Evidence; phrase: string }[] = [];
  for (const turn of turnsOf(input.view, 'manager')) {
    const position = turn.position;
    for (const match of findAllPhrases(patterns, turn.words)) {
      const before = turn.words[match.first - 1];
      if (fillersOnly && match.pattern.source.startsWith('=') && match.first === match.last && before !== undefined && MODIFIER_POS.has(before.pos ?? '')) {
        continue;
      }
      hits.push({ evidence: evidenceFromWords(input.view, position, match.first, match.last), phrase: match.pattern.source });
    }
  }
  return hits;
}

const MODIFIER_POS = new Set(['ADJF', 'NPRO', 'PRTF', 'NUMR']);

/**
 * Speech culture: no filler words, diminutives, slang (the criterion's stop phrases) and no phrases the
 * company bans.
 */
export function judgeSpeechQuality(input: DetectorInput, definition: CriterionDefinition): CriterionOutcome {
  if (input.completeness.managerSilent) {
    return notApplicable(MANAGER_SILENT_EXPLANATION);
  }
  const hits = [
    ...managerPhraseHits(input, patternsOf(input, definition.stopPhrases), true),
    ...managerPhraseHits(input, patternsOf(input, input.checklist.forbiddenPhrases)),
  ].sort((a, b) => a.evidence.turn - b.evidence.turn);
  if (hits.length === 0) {
    return { result: 'passed', explanation: 'В речи менеджера нет слов-паразитов, уменьшительных слов, жаргона и запрещённых фраз.', evidence: [] };
  }
  const phrases = [...new Set(hits.map((hit) => `«${displayPhrase(hit.phrase)}»`))];
  return {
    result: 'failed',
    explanation: `Нежелательные слова в речи менеджера (${hits.length} ${plural(hits.length, ['раз', 'раза', 'раз'])}): ${phrases.slice(0, MAX_EVIDENCE).join(', ')}.`,
    evidence: hits.slice(0, MAX_EVIDENCE).map((hit) => hit.evidence),
  };
}
