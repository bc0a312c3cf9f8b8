/** A word's dictionary form and part of speech (OpenCorpora tags: NOUN, VERB, INFN, ADJF, NUMR, …). */
export interface WordAnalysis {
  lemma: string;
  pos: string | null;
}

/**
 * Russian morphology, injected into the core so the core stays free of I/O: the dictionaries are
 * loaded by an adapter outside it. Input and output are folded (lower case, «ё» → «е»).
 */
export interface Morphology {
  analyze(word: string): WordAnalysis;
}
