import { type DetectorInput, patternsOf } from '../detector-input.ts';
import { momentLead } from '../evidence.ts';
import { managerPhraseHits } from '../criteria/speech-quality.ts';
import { FORBIDDEN_PHRASE_ADVICE, FORBIDDEN_PHRASE_GENERAL_ADVICE } from '../lexicon/forbidden-advice.lexicon.ts';
import { displayPhrase } from '../russian-text.ts';
import { draftFinding, type FindingDraft } from './finding-draft.ts';

/** Forbidden phrase: the manager says a phrase the company bans. One finding per banned phrase said. */
export function detectForbiddenPhrases(input: DetectorInput): FindingDraft[] {
  const hits = managerPhraseHits(input, patternsOf(input, input.checklist.forbiddenPhrases));
  const byPhrase = new Map<string, typeof hits>();
  for (const hit of hits.sort((a, b) => a.evidence.turn - b.evidence.turn)) {
    const group = byPhrase.get(hit.phrase) ?? [];
    group.push(hit);
    byPhrase.set(hit.phrase, group);
  }
  const findings: FindingDraft[] = [];
  for (const [phrase, [first, ...rest]] of byPhrase) {
    if (first === undefined) {
      continue;
    }
    const shown = displayPhrase(phrase);
    const words = shown.split(' ');
    const advice = FORBIDDEN_PHRASE_ADVICE.find((entry) => words.includes(entry.cue))?.advice ?? FORBIDDEN_PHRASE_GENERAL_ADVICE;
    findings.push(draftFinding(
      'forbidden_phrase',
      first.evidence,
      `Менеджер использовал запрещённую фразу «${shown}».`,
      `${momentLead(first.evidence, 'manager', 'сказали')} — фраза «${shown}» в списке запрещённых: ${advice}.`,
      rest.map((hit) => hit.evidence),
    ));
  }
  return findings.sort((a, b) => a.turn - b.turn);
}
