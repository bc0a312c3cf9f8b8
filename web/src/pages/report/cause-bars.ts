/** The fields of a report cause that decide whether and where it is drawn. */
export interface RankedCause {
  rankByFrequency: number;
  rankByImpact: number;
  /** Points by which calls with the finding scored lower; negative when they scored higher. */
  scoreGap: number | null;
}

export const MAX_BARS = 8;

/**
 * Splits the causes for the chart: the bars in rank order, how many more causes there are, and, ranked
 * by impact, the findings whose calls did not score lower, which are no cause of loss.
 */
export function causeBars<C extends RankedCause>(causes: readonly C[], rank: 'frequency' | 'impact'): { sorted: C[]; shown: C[]; hidden: number; notLowering: C[] } {
  const sorted = [...causes].sort((a, b) => (rank === 'frequency' ? a.rankByFrequency - b.rankByFrequency : a.rankByImpact - b.rankByImpact));
  const ranked = rank === 'impact' ? sorted.filter((cause) => (cause.scoreGap ?? 0) > 0) : sorted;
  const shown = ranked.slice(0, MAX_BARS);
  return { sorted, shown, hidden: ranked.length - shown.length, notLowering: rank === 'impact' ? sorted.filter((cause) => (cause.scoreGap ?? 0) <= 0) : [] };
}
