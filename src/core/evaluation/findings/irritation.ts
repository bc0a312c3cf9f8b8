import { type DetectorInput, patternsOf } from '../detector-input.ts';
import { momentLead } from '../evidence.ts';
import { IRRITATION_PHRASES } from '../lexicon/manager-behaviour.lexicon.ts';
import { managerPhraseHits } from '../criteria/speech-quality.ts';
import { plural } from '../russian-text.ts';
import { draftFinding, type FindingDraft } from './finding-draft.ts';

/**
 * Irritation: the manager answers with irritation, rudeness, blame or condescension («я же вам сказал»,
 * «это не ко мне»). One finding per call; every further place is its evidence.
 */
export function detectIrritation(input: DetectorInput): FindingDraft[] {
  // Several phrases often match one reproach («я же вам уже сказал»): a turn is one place.
  const hits = managerPhraseHits(input, patternsOf(input, IRRITATION_PHRASES))
    .sort((a, b) => a.evidence.turn - b.evidence.turn)
    .filter((hit, index, sorted) => sorted[index - 1]?.evidence.turn !== hit.evidence.turn);
  const [first, ...rest] = hits;
  if (first === undefined) {
    return [];
  }
  const count = hits.length;
  const explanation = count === 1
    ? 'Менеджер ответил клиенту с раздражением или упрёком.'
    : `Менеджер ${count} ${plural(count, ['раз', 'раза', 'раз'])} отвечал клиенту с раздражением или упрёком.`;
  const recommendation = `${momentLead(first.evidence, 'manager', 'сказали')} — так звучит раздражение. Сохраняйте ровный тон: объясните ещё раз другими словами и без упрёка («давайте я уточню, как это работает»), а если вопрос не ваш — сами переведите клиента к тому, кто решит его.`;
  return [draftFinding('irritation', first.evidence, explanation, recommendation, rest.map((hit) => hit.evidence))];
}
