import type { CallDetail } from '../../../../src/server/schemas/calls.schemas.ts';

export type Evaluation = NonNullable<CallDetail['evaluation']>;
export type FindingView = Evaluation['findings'][number];
export type CriterionView = Evaluation['criteria'][number];
export type DisputeView = CallDetail['disputes'][number];
export type EvidenceView = FindingView['evidence'][number];

/** The item selected on the review page: its evidence is highlighted and its moment played. */
export type Selection = { type: 'finding'; key: string } | { type: 'criterion'; id: string };

/** All places that back a finding: its main quote first, then further evidence. */
export function findingEvidence(finding: FindingView): EvidenceView[] {
  const main = { turn: finding.turn, startSec: finding.startSec, quote: finding.quote };
  return [main, ...finding.evidence.filter((item) => item.turn !== main.turn || item.quote !== main.quote)];
}

/** Quotes to highlight, grouped by turn. */
export function quotesByTurn(evidence: readonly EvidenceView[]): Map<number, string[]> {
  const map = new Map<number, string[]>();
  for (const item of evidence) {
    map.set(item.turn, [...(map.get(item.turn) ?? []), item.quote]);
  }
  return map;
}

export function openDispute(disputes: readonly DisputeView[], id: number | null): DisputeView | null {
  return id === null ? null : (disputes.find((dispute) => dispute.id === id) ?? null);
}

/** Names a reviewed item after «по»: «критерию «Приветствие»», «находке «Стоп-фраза (реплика 5)»». */
export function targetAfterPo(type: 'criterion' | 'finding', title: string): string {
  return `${type === 'criterion' ? 'критерию' : 'находке'} «${title}»`;
}
