import { createRequire } from 'node:module';
import path from 'node:path';
import Az from 'az';

import { foldText } from '../core/text/normalize.ts';
import type { Morphology, WordAnalysis } from '../core/text/morphology.ts';

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

class CachedAzMorphology implements Morphology {
  private readonly cache = new Map<string, WordAnalysis>();

  analyze(word: string): WordAnalysis {
    // Az.js knows «ё» and uses it to tell words apart («всё» from «все»), so only the lemma is folded.
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
    const [best] = Az.Morph(word);
    if (best === undefined) {
      return { lemma: word, pos: null };
    }
    return { lemma: foldText(best.normalize().word), pos: best.tag.POS ?? null };
  }
}
