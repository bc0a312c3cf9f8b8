import { Textarea } from '@mantine/core';

import { commentCounter } from './comment-limit.ts';

interface CommentFieldProps {
  label: string;
  placeholder?: string | undefined;
  minRows: number;
  value: string;
  onChange: (value: string) => void;
  error: string | null;
  autoFocus?: boolean;
}

/** Renders the comment field of a review dialog, with its length against the limit counted under it. */
export function CommentField({ label, placeholder, minRows, value, onChange, error, autoFocus = false }: CommentFieldProps) {
  return (
    <Textarea
      label={label}
      placeholder={placeholder}
      autosize
      minRows={minRows}
      maxRows={8}
      value={value}
      onChange={(event) => {
        onChange(event.currentTarget.value);
      }}
      description={<span data-testid="comment-counter">{commentCounter(value)}</span>}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      styles={{ description: { textAlign: 'right' } }}
      error={error ?? undefined}
      data-autofocus={autoFocus || undefined}
    />
  );
}
