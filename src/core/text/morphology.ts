/** A word's dictionary form and part of speech (OpenCorpora tags: NOUN, VERB, INFN, ADJF, NUMR, …). */
export interface WordAnalysis {
  lemma: string;
  pos: string | null;
  /**
   * OpenCorpora grammemes of the most likely parse besides the part of speech: person (`1per`, `2per`,
   * `3per`), tense (`past`, `pres`, `futr`), mood (`impr`), number (`sing`, `plur`), aspect (`perf`,
   * `impf`), case (`nomn`, `gent`, …). Absent when the morphology does not report them.
   */
  grammemes?: readonly string[];
  /**
   * Other readings of the word as a person's name, each in the nominative and unlike `lemma`: a first
   * name («игоря» → «игорь»), a patronymic or a surname. Search indexes them beside the lemma.
   */
  names?: readonly string[];
  /** Other dictionary lemmas about as likely as `lemma` («замер»: «замереть», and «замер» here). Search indexes them too. */
  otherLemmas?: readonly string[];
  /** True when the dictionary does not know the word and `lemma` is guessed from its ending. */
  guessed?: boolean;
}

/**
 * Russian morphology, injected into the core so the core stays free of I/O: the dictionaries are
 * loaded by an adapter outside it. Input and output are folded (lower case, «ё» → «е»).
 */
export interface Morphology {
  analyze(word: string): WordAnalysis;
}
