import { Pill } from '@mantine/core';
import type { ComboboxRenderPillInput } from '@mantine/core';
import type { ReactNode } from 'react';

/** Lets a value wider than the whole field wrap inside its pill rather than end in «…». */
const PILL_STYLES = {
  root: { flex: 'none', height: 'auto', minHeight: 'var(--pill-height)' },
  label: { height: 'auto', lineHeight: 1.25, paddingBlock: 3, whiteSpace: 'normal', overflowWrap: 'anywhere' },
  // At the default height of 100%, the button stretches every pill of a growing height to the full field.
  remove: { height: 'var(--pill-height)' },
} as const;

/**
 * Renders a selected value of a MultiSelect in full: the pill takes the width of its text and moves the
 * search field to the next line, instead of squeezing the value into «Марина Ку…». The title repeats
 * the value for a hover.
 */
export function renderFullPill({ option, value, onRemove, disabled }: ComboboxRenderPillInput): ReactNode {
  // A value missing from the options (a stale link, or options still loading) comes without an option,
  // although the type declares one. Mantine then shows the bare value, and so does this pill.
  const label = (option as ComboboxRenderPillInput['option'] | undefined)?.label ?? value ?? '';
  return (
    <Pill
      withRemoveButton={disabled !== true}
      onRemove={() => {
        onRemove?.();
      }}
      disabled={disabled === true}
      title={label}
      styles={PILL_STYLES}
    >
      {label}
    </Pill>
  );
}
