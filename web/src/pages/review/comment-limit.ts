import { countOf, formatNumber } from '../../format/russian-format.ts';

/** Maximum length of a comment the API accepts for a decision or a dispute. */
export const COMMENT_MAX_LENGTH = 4000;

/**
 * Returns the error for a comment the API would reject, or null. A pasted text over the limit stays in
 * the field whole, so the author decides what to cut instead of losing the end mid-word.
 */
export function commentError(comment: string, required: string | null): string | null {
  const length = comment.trim().length;
  if (length === 0) {
    return required;
  }
  if (length > COMMENT_MAX_LENGTH) {
    return `Комментарий длиннее ${formatNumber(COMMENT_MAX_LENGTH)} символов: сократите его на ${countOf(length - COMMENT_MAX_LENGTH, ['символ', 'символа', 'символов'])}`;
  }
  return null;
}

/** Reads «1 234 / 4 000» under a comment field. */
export function commentCounter(comment: string): string {
  return `${formatNumber(comment.trim().length)} / ${formatNumber(COMMENT_MAX_LENGTH)}`;
}
