/** A piece of turn text, marked when it is part of a quote to highlight. */
export interface TextPiece {
  text: string;
  marked: boolean;
}

/**
 * Splits `text` around the first place each quote occurs. Quotes are the transcript's own words, so an
 * exact match is tried first; a case-insensitive match covers quotes that were capitalised for display.
 */
export function splitByQuotes(text: string, quotes: readonly string[]): TextPiece[] {
  const ranges: [number, number][] = [];
  const lower = text.toLocaleLowerCase('ru-RU');
  for (const quote of quotes) {
    const trimmed = quote.trim();
    if (trimmed === '') {
      continue;
    }
    let start = text.indexOf(trimmed);
    if (start < 0) {
      start = lower.indexOf(trimmed.toLocaleLowerCase('ru-RU'));
    }
    if (start >= 0) {
      ranges.push([start, start + trimmed.length]);
    }
  }
  if (ranges.length === 0) {
    return [{ text, marked: false }];
  }

  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last !== undefined && range[0] <= last[1]) {
      last[1] = Math.max(last[1], range[1]);
    } else {
      merged.push([range[0], range[1]]);
    }
  }

  const pieces: TextPiece[] = [];
  let position = 0;
  for (const [start, end] of merged) {
    if (start > position) {
      pieces.push({ text: text.slice(position, start), marked: false });
    }
    pieces.push({ text: text.slice(start, end), marked: true });
    position = end;
  }
  if (position < text.length) {
    pieces.push({ text: text.slice(position), marked: false });
  }
  return pieces;
}
