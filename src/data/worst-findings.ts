import type { Finding, FindingKind, Severity } from '../core/model/evaluation.ts';
import { SEVERITY_RANK } from '../core/model/finding-titles.ts';

/** A finding as the calls list shows it: kind, severity, place and a short quote. */
export interface FindingBrief {
  kind: FindingKind;
  severity: Severity;
  turn: number;
  startSec: number | null;
  quote: string;
}

/** Findings a list row carries, the worst first. */
export const WORST_FINDINGS_PER_CALL = 2;

/** Longest quote kept for a list row, in characters; a longer one is cut at a word and ends with «…». */
export const BRIEF_QUOTE_MAX_CHARS = 90;

/**
 * Picks the call's worst findings for the calls list: by severity, then by place in the call, as the
 * CLI table orders them. The result is stored on the call, so a list page reads no findings rows.
 */
export function worstFindingsOf(findings: readonly Pick<Finding, 'kind' | 'severity' | 'turn' | 'startSec' | 'quote'>[]): FindingBrief[] {
  return [...findings]
    .sort((left, right) => SEVERITY_RANK[left.severity] - SEVERITY_RANK[right.severity] || left.turn - right.turn)
    .slice(0, WORST_FINDINGS_PER_CALL)
    .map((finding) => ({
      kind: finding.kind,
      severity: finding.severity,
      turn: finding.turn,
      startSec: finding.startSec,
      quote: shortenQuote(finding.quote),
    }));
}

/** Cuts a quote to `BRIEF_QUOTE_MAX_CHARS` at the last space before the limit. */
export function shortenQuote(quote: string): string {
  const text = quote.trim();
  if (text.length <= BRIEF_QUOTE_MAX_CHARS) {
    return text;
  }
  const head = text.slice(0, BRIEF_QUOTE_MAX_CHARS);
  const lastSpace = head.lastIndexOf(' ');
  // A quote with no space in its first half (a very long word) is cut mid-word rather than left almost empty.
  const cut = lastSpace >= BRIEF_QUOTE_MAX_CHARS / 2 ? head.slice(0, lastSpace) : head;
  return `${cut.replace(/[\s,;:—–-]+$/u, '')}…`;
}
