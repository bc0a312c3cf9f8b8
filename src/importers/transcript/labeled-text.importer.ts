import type { RoleAssignment, SourceWarning, Turn } from '../../core/model/transcript.ts';
import { conversationProblem } from './conversation-text.ts';
import { importFailure, warning } from './import-messages.ts';
import type { TextImporter } from './import-types.ts';
import { roleFromLabel, SPEAKER_LABEL_PATTERN } from './speaker-roles.ts';
import { secondsFromClock } from './time-values.ts';
import { truncationWarnings } from './truncation-signs.ts';

export interface LabeledText {
  turns: Turn[];
  roles: RoleAssignment;
  /** False when no line carried a speaker label and each line was taken as one turn. */
  labeled: boolean;
}

const TIME = String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?`;
// A label line: optional time, label (a role word with an optional name or number, or a numbered
// speaker), optional time, then a colon or dash and the text. Times may be bare or in brackets.
const LABEL_LINE = new RegExp(
  String.raw`^\s*(?:\[?(${TIME})\]?\s*[-–—]?\s*)?\**(${SPEAKER_LABEL_PATTERN})(?:\s*\(([^)]{1,40})\))?\**\s*(?:\[?(${TIME})\]?)?\s*[:：]\**\s*(.*)$`,
  'iu',
);

const UNLABELED_SPEAKERS = ['Собеседник 1', 'Собеседник 2'];

/**
 * Parses plain text with speaker labels («Менеджер:», «Оператор Анна:», «[00:12] Клиент:», «SPEAKER_00:»),
 * case-insensitive, with turns that go on over several lines. Text with no labels at all is read as one
 * turn per line with the speakers alternating (the convention of call scripts), roles left to content.
 */
export function parseLabeledText(text: string): LabeledText {
  const lines = text.split(/\r?\n/u);
  const drafts: { speaker: string | null; startSec: number | null; lines: string[] }[] = [];
  let labeled = false;

  for (const line of lines) {
    const match = LABEL_LINE.exec(line);
    if (match !== null) {
      labeled = true;
      const [, timeBefore, label, nameInBrackets, timeAfter, rest] = match;
      const time = timeBefore ?? timeAfter;
      const speaker = [label?.trim(), nameInBrackets?.trim()].filter(Boolean).join(' ');
      drafts.push({ speaker, startSec: time === undefined ? null : secondsFromClock(time), lines: [rest ?? ''] });
      continue;
    }
    if (line.trim() === '') {
      continue;
    }
    const last = drafts.at(-1);
    if (last === undefined) {
      drafts.push({ speaker: null, startSec: null, lines: [line] });
    } else {
      last.lines.push(line);
    }
  }

  if (!labeled) {
    return unlabeledLines(lines);
  }
  const turns = drafts
    .map((draft) => ({ ...draft, text: draft.lines.join(' ').replace(/\s+/gu, ' ').trim() }))
    .filter((draft) => draft.text !== '')
    .map((draft, index): Turn => makeTurn(index, draft.speaker, draft.startSec, draft.text, roleFromLabel(draft.speaker)));
  return { turns, roles: rolesOf(turns), labeled: true };
}

function unlabeledLines(lines: readonly string[]): LabeledText {
  const texts = lines.map((line) => line.replace(/\s+/gu, ' ').trim()).filter((line) => line !== '');
  const speakerOf = (index: number): string | null => (texts.length < 2 ? null : (UNLABELED_SPEAKERS[index % 2] ?? null));
  const turns = texts.map((text, index) => makeTurn(index, speakerOf(index), null, text, 'unknown'));
  return { turns, roles: { method: 'content', confidence: null }, labeled: false };
}

function makeTurn(index: number, speaker: string | null, startSec: number | null, text: string, role: Turn['role']): Turn {
  return { index, role, channel: null, speaker, startSec, endSec: null, text, confidence: null, flags: [], overlapsTurn: null };
}

function rolesOf(turns: readonly Turn[]): RoleAssignment {
  return turns.length > 0 && turns.every((turn) => turn.role !== 'unknown')
    ? { method: 'labels', confidence: 1 }
    : { method: 'content', confidence: null };
}

/** Checks whether a line starts with a speaker label. */
export function hasSpeakerLabel(line: string): boolean {
  return LABEL_LINE.test(line);
}

/** Warnings for text read without labels, so users know how its turns were cut. */
export function unlabeledWarnings(parsed: LabeledText, fileName: string): SourceWarning[] {
  if (parsed.labeled) {
    return [];
  }
  if (parsed.turns.length < 2) {
    return [
      warning(
        'NO_SPEAKER_LABELS',
        `Файл «${fileName}»: текст без меток ролей и без разбивки на реплики — звонок прочитан одной репликой, роли не определить. Добавьте метки «Менеджер:» и «Клиент:» в начале реплик.`,
      ),
    ];
  }
  return [
    warning(
      'NO_SPEAKER_LABELS',
      `Файл «${fileName}»: в тексте нет меток ролей. Каждая строка прочитана как реплика, собеседники считаются чередующимися; кто из них менеджер, определяется по содержанию. Если это не так, добавьте метки «Менеджер:» и «Клиент:».`,
    ),
  ];
}

// A table (CSV, TSV) has the same number of separators on its first lines; it is a call log, not a transcript.
function looksLikeTable(text: string): boolean {
  const lines = text.split(/\r?\n/u).filter((line) => line.trim() !== '').slice(0, 3);
  if (lines.length < 2) {
    return false;
  }
  return [';', '\t', ','].some((separator) => {
    const counts = lines.map((line) => line.split(separator).length - 1);
    return (counts[0] ?? 0) >= 3 && counts.every((count) => count === counts[0]);
  });
}

// XML or HTML, not the `<in>`/`<out>` tags of channel-tagged text, which are never closed.
function looksLikeMarkup(text: string): boolean {
  return /^\s*<(?:\?xml|!doctype|html\b)/iu.test(text) || (/^\s*<\w/u.test(text) && text.includes('</'));
}

// Markdown (headings, code fences) is documentation that lies next to transcripts, not a call.
function looksLikeMarkdown(text: string): boolean {
  return /^(?:#{1,6}[ \t]|```)/mu.test(text);
}

/** Reads plain-text transcripts: labelled turns, or one turn per line when the text can be a conversation. */
export const labeledTextImporter: TextImporter = {
  format: 'labeled-text',
  input: 'text',
  matches(text) {
    if (!/\p{L}/u.test(text) || looksLikeMarkup(text)) {
      return false;
    }
    return text.split(/\r?\n/u).some(hasSpeakerLabel) || (!looksLikeTable(text) && !looksLikeMarkdown(text));
  },
  read(text, context) {
    const parsed = parseLabeledText(text);
    const problem = parsed.labeled ? null : conversationProblem(text);
    if (problem !== null) {
      const advice = 'Если это всё же расшифровка звонка, добавьте в начале реплик метки «Менеджер:» и «Клиент:».';
      return { ok: false, error: importFailure('NOT_A_CONVERSATION', context.fileName, problem, advice) };
    }
    const warnings = [...unlabeledWarnings(parsed, context.fileName), ...truncationWarnings(text, context.fileName)];
    return { ok: true, calls: [{ externalId: null, turns: parsed.turns, roles: parsed.roles, warnings }], warnings: [] };
  },
};
