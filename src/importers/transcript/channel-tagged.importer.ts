import type { Role, RoleAssignment, Turn } from '../../core/model/transcript.ts';
import { groupCrosstalk, type TaggedSegment } from './channel-tagged-crosstalk.ts';
import type { TextImporter } from './import-types.ts';
import { truncationWarnings } from './truncation-signs.ts';

// `<out>` starts the employee's channel and `<in>` the client's, in the exports of Russian
// contact-centre speech analytics that write both channels into one text.
const CHANNEL_TAG = /<\s*(in|out)\s*>/giu;

const ROLE_BY_TAG: Record<string, Role> = { out: 'manager', in: 'client' };

/** Checks whether a text has `<in>`/`<out>` channel tags. */
export function hasChannelTags(text: string): boolean {
  return /<\s*(?:in|out)\s*>/iu.test(text);
}

/**
 * Parses a channel-tagged dialog into turns: `<out>` is the manager, `<in>` the client. Crosstalk that
 * the recognizer wrote as word-by-word alternation of the tags becomes overlapping turns (`overlapsTurn`)
 * instead of one-word turns. Each turn's text is the source's own words in their source order.
 * Text before the first tag becomes a turn of role `unknown`.
 */
export function parseChannelTaggedDialog(text: string): Turn[] {
  const utterances = groupCrosstalk(splitSegments(text));
  return utterances.map((utterance, index): Turn => {
    const tag = utterance.segments[0]?.tag ?? '';
    return {
      index,
      role: ROLE_BY_TAG[tag] ?? 'unknown',
      channel: null,
      speaker: tag === '' ? null : tag,
      startSec: null,
      endSec: null,
      text: utterance.segments.flatMap((segment) => segment.words).join(' '),
      confidence: null,
      flags: [],
      overlapsTurn: utterance.overlaps,
    };
  });
}

/** Splits the text at channel tags, merging neighbouring parts of the same channel and dropping empty ones. */
export function splitSegments(text: string): TaggedSegment[] {
  const segments: TaggedSegment[] = [];
  let tag = '';
  let cursor = 0;
  const push = (part: string): void => {
    const words = part.split(/\s+/u).filter((word) => word !== '');
    if (words.length === 0) {
      return;
    }
    const last = segments.at(-1);
    if (last?.tag === tag) {
      last.words.push(...words);
      return;
    }
    segments.push({ tag, words, position: segments.length });
  };

  for (const match of text.matchAll(CHANNEL_TAG)) {
    push(text.slice(cursor, match.index));
    tag = (match[1] ?? '').toLowerCase();
    cursor = match.index + match[0].length;
  }
  push(text.slice(cursor));
  return segments;
}

/** Reads one call from a text file with `<in>`/`<out>` channel tags. */
export const channelTaggedTextImporter: TextImporter = {
  format: 'channel-tagged-text',
  input: 'text',
  matches: hasChannelTags,
  read(text, context) {
    const turns = parseChannelTaggedDialog(text);
    const warnings = truncationWarnings(text, context.fileName);
    return { ok: true, calls: [{ externalId: null, turns, roles: CHANNEL_ROLES, warnings }], warnings: [] };
  },
};

/** Roles in channel-tagged text come from the tags: `<out>` is the employee's channel. */
export const CHANNEL_ROLES: RoleAssignment = { method: 'channel', confidence: 1 };
