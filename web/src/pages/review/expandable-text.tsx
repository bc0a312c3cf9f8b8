import { Anchor, Box, Text } from '@mantine/core';
import type { TextProps } from '@mantine/core';
import { useState } from 'react';
import type { ReactNode } from 'react';

/** Longer texts than this, in characters or lines, start collapsed. */
const LONG_TEXT_CHARS = 280;

/** Tells whether a comment is long enough to start collapsed to its first lines. */
export function isLongText(text: string, lines: number): boolean {
  return text.length > LONG_TEXT_CHARS || text.split('\n').length > lines;
}

interface ExpandableTextProps extends TextProps {
  /** The text whose length decides whether the block starts collapsed. */
  text: string;
  /** Lines shown while collapsed. */
  lines?: number;
  /** Content to show in place of `text`, e.g. `text` with an author line before it. */
  children?: ReactNode;
}

/**
 * Shows a comment in full when it is short, and its first lines with «Показать полностью» when it is
 * long, so a pasted page of text does not push the next finding or entry off the screen.
 */
export function ExpandableText({ text, lines = 3, children, ...textProps }: ExpandableTextProps) {
  const [expanded, setExpanded] = useState(false);
  const long = isLongText(text, lines);
  return (
    <Box miw={0}>
      <Text {...textProps} {...(long && !expanded ? { lineClamp: lines } : {})} style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
        {children ?? text}
      </Text>
      {long && (
        <Anchor
          component="button"
          type="button"
          size="xs"
          onClick={(event) => {
            // The text sits on clickable cards; the toggle must not select the card as well.
            event.stopPropagation();
            setExpanded(!expanded);
          }}
        >
          {expanded ? 'Свернуть' : 'Показать полностью'}
        </Anchor>
      )}
    </Box>
  );
}
