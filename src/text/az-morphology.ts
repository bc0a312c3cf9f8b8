import { createRequire } from 'node:module';
import path from 'node:path';
import Az from 'az';
import type { Parse } from 'az';

import { foldText } from '../core/text/normalize.ts';
import type { Morphology, WordAnalysis } from '../core/text/morphology.ts';
import { firstNameOf, patronymicOf, surnameOf } from './person-names.ts';

const require = createRequire(import.meta.url);

let loading: Promise<Morphology> | undefined;

/**
 * Loads Az.js with its bundled OpenCorpora dictionaries (about 200 ms, once per process) and returns
 * a morphology with a lemma cache: Az.js parses about 50–90 thousand words per second uncached,
 * while a call repeats most of its words.
 */
export function loadMorphology(): Promise<Morphology> {
  loading ??= new Promise<Morphology>((resolve, reject) => {
    const dictionaries = path.join(path.dirname(require.resolve('az/package.json')), 'dicts');
    Az.Morph.init(dictionaries, (error: unknown) => {
      if (error) {
        reject(error instanceof Error ? error : new Error('Az.js dictionaries failed to load', { cause: error }));
        return;
      }
      resolve(new CachedAzMorphology());
    });
  });
  return loading;
}

// Hesitations and backchannels that ASR writes as words («эээ», «мх», «ммм»); Az.js guesses them as
// nouns or verbs by their endings, which would make them look like content.
const FILLER = /^(?:э+|м+|мх+|хм+|а{2,}|о{2,}|у{2,}|угу|ага|ну|ой)$/u;

// ASR joins indefinite pronouns with their particle («чтото», «какойто», «гдето»); the dictionary contains
// only the hyphenated form, so the base pronoun is looked up and the particle re-attached.
const JOINED_PARTICLE = /^(\p{L}{2,}?)(то|либо|нибудь)$/u;
// Colloquial spellings that ASR writes as heard and the dictionary does not contain, read as the
// standard word: «щас» is «сейчас», «скока» is «сколько».
const COLLOQUIAL: ReadonlyMap<string, string> = new Map([
  ['щас', 'сейчас'], ['ща', 'сейчас'], ['щаз', 'сейчас'], ['чо', 'что'], ['чё', 'что'], ['шо', 'что'], ['ниче', 'ничего'],
  ['ничо', 'ничего'], ['ничё', 'ничего'], ['скока', 'сколько'], ['скоко', 'сколько'], ['када', 'когда'], ['ваще', 'вообще'],
  ['токо', 'только'], ['тока', 'только'], ['щя', 'сейчас'], ['тыща', 'тысяча'], ['тыщи', 'тысячи'], ['тыщу', 'тысячу'],
  ['тыщ', 'тысяч'], ['тыщей', 'тысячей'], ['канеш', 'конечно'], ['конеш', 'конечно'],
]);

const INDEFINITE_BASES: ReadonlySet<string> = new Set([
  'что', 'кто', 'какой', 'где', 'куда', 'когда', 'как', 'чей', 'откуда', 'почему', 'зачем', 'сколько',
]);

class CachedAzMorphology implements Morphology {
  private readonly cache = new Map<string, WordAnalysis>();

  analyze(word: string): WordAnalysis {
    // Az.js distinguishes «ё» and uses it to tell words apart («всё» from «все»), so only the lemma is folded.
    const key = word.toLowerCase();
    let analysis = this.cache.get(key);
    if (analysis === undefined) {
      analysis = this.parse(key);
      this.cache.set(key, analysis);
    }
    return analysis;
  }

  private parse(word: string): WordAnalysis {
    if (!/\p{L}/u.test(word)) {
      return { lemma: word, pos: null };
    }
    if (FILLER.test(word)) {
      return { lemma: foldText(word), pos: 'INTJ', grammemes: [] };
    }
    const standard = COLLOQUIAL.get(word);
    if (standard !== undefined && standard !== word) {
      return this.analyze(standard);
    }
    const parses = Az.Morph(word);
    const [best] = parses;
    if (best === undefined) {
      return withNames({ lemma: word, pos: null, guessed: true }, word, false);
    }
    if (best.parser !== 'Dictionary') {
      const joined = this.parseJoinedParticle(word);
      if (joined !== null) {
        return joined;
      }
    }
    const analysis = toAnalysis(best, word);
    const inDictionary = parses.some((parse) => parse.parser === 'Dictionary');
    const otherLemmas = inDictionary ? likelyOtherLemmas(parses, analysis.lemma) : [];
    const read = otherLemmas.length === 0 ? analysis : { ...analysis, otherLemmas };
    return withNames(best.parser === 'Dictionary' ? read : { ...read, guessed: true }, word, inDictionary);
  }

  private parseJoinedParticle(word: string): WordAnalysis | null {
    const match = JOINED_PARTICLE.exec(word);
    if (match === null) {
      return null;
    }
    const [, base = '', particle = ''] = match;
    const [baseParse] = Az.Morph(base);
    if (baseParse?.parser !== 'Dictionary') {
      return null;
    }
    const baseLemma = foldText(baseParse.normalize().word);
    if (!INDEFINITE_BASES.has(baseLemma)) {
      return null;
    }
    const analysis = toAnalysis(baseParse, base);
    return { ...analysis, lemma: `${baseLemma}-${particle}` };
  }
}

// Az.js returns a parse without a normal form for some words it only guesses (Latin letters mixed with
// Cyrillic, «мтбанк»); the word itself is the lemma then.
function toAnalysis(parse: Parse, word: string): WordAnalysis {
  const normal = (parse.normalize() as Partial<Parse> | undefined)?.word;
  const grammemes = parse.tag
    .toString()
    .split(/[ ,]+/u)
    .filter((grammeme) => grammeme !== '' && grammeme !== parse.tag.POS);
  return { lemma: foldText(typeof normal === 'string' ? normal : word), pos: parse.tag.POS ?? null, grammemes };
}

// A dictionary reading whose parses score at least this share of the best reading's is likely enough to
// search by: «замер» is «замереть» (0.5) or «замер» (0.5), while «стали» is «сталь» only at 0.015.
const OTHER_LEMMA_SHARE = 0.25;

/**
 * Lists the word's other dictionary lemmas that are about as likely as `lemma`, so that a search finds
 * «замер» (the noun) in «замер», which Az.js reads first as the verb «замереть».
 */
function likelyOtherLemmas(parses: readonly Parse[], lemma: string): string[] {
  const scores = new Map<string, number>();
  for (const parse of parses) {
    if (parse.parser !== 'Dictionary') {
      continue;
    }
    const normal = (parse.normalize() as Partial<Parse> | undefined)?.word;
    if (typeof normal === 'string') {
      const folded = foldText(normal);
      scores.set(folded, (scores.get(folded) ?? 0) + parse.score);
    }
  }
  const best = scores.get(lemma) ?? 0;
  return [...scores].filter(([other, score]) => other !== lemma && score >= best * OTHER_LEMMA_SHARE).map(([other]) => other);
}

/**
 * Adds the word's readings as a person's name. A surname is read only where the dictionary does not know
 * the word, or where the word is the surname's own nominative («кузнецов», also the plural genitive of
 * «кузнец»). So «машину» does not read as a form of «Машин».
 */
function withNames(analysis: WordAnalysis, word: string, inDictionary: boolean): WordAnalysis {
  const folded = foldText(word);
  const surname = surnameOf(folded);
  const readings = [firstNameOf(folded), patronymicOf(folded), surname !== null && (!inDictionary || surname === folded) ? surname : null];
  const names = [...new Set(readings.filter((name): name is string => name !== null && name !== analysis.lemma))];
  return names.length === 0 ? analysis : { ...analysis, names };
}
