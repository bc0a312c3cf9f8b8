/** Row numbers listed in one warning before the rest are only counted. */
const LISTED_ROWS = 10;

/**
 * Groups row remarks of one kind into one Russian warning, so a file with a thousand hidden numbers gives
 * one line, not a thousand: «Номер клиента скрыт или не указан — строки 4, 9, 12.»
 */
export function summarizeRowNotes(notes: readonly { row: number; note: { kind: string; message: string } }[]): string[] {
  const groups = new Map<string, { rows: number[]; messages: Set<string> }>();
  for (const { row, note } of notes) {
    const group = groups.get(note.kind) ?? { rows: [], messages: new Set<string>() };
    group.rows.push(row);
    group.messages.add(note.message);
    groups.set(note.kind, group);
  }
  return [...groups.values()].map(({ rows, messages }) => {
    const [first = ''] = messages;
    const others = messages.size > 1 ? ` (и ещё ${messages.size - 1} похожих)` : '';
    const listed = rows.slice(0, LISTED_ROWS).join(', ');
    const rest = rows.length > LISTED_ROWS ? ` и ещё ${rows.length - LISTED_ROWS}` : '';
    const label = rows.length === 1 ? 'строка' : 'строки';
    return `${first.charAt(0).toUpperCase()}${first.slice(1)}${others} — ${label} ${listed}${rest}.`;
  });
}
