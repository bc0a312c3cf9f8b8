import { DatePickerInput } from '@mantine/dates';
import type { DatePickerInputProps } from '@mantine/dates';
import { useRef, useState } from 'react';

/** A period as `YYYY-MM-DD` days; an end is null when it is not set. */
export type DayRange = [from: string | null, to: string | null];

interface DateRangeInputProps extends Omit<DatePickerInputProps<'range'>, 'type' | 'value' | 'defaultValue' | 'onChange' | 'ref'> {
  /** The period the page applies now. */
  value: DayRange;
  /** Receives both days once the second one is picked, or two nulls when the user clears the field. */
  onApply: (from: string | null, to: string | null) => void;
}

/** Mantine 8+ date pickers give `YYYY-MM-DD` strings, with a time when one was set. */
function toDay(value: string): string {
  return value.slice(0, 10);
}

/**
 * A period picker for filters that take whole periods only. The first picked day waits in local state
 * until the second one is picked: a picker whose value stays empty after the first click forgets it, so
 * the range could never be chosen with the mouse.
 */
export function DateRangeInput({ value, onApply, popoverProps, ...props }: DateRangeInputProps) {
  const [draft, setDraft] = useState<DayRange | null>(null);
  const pickerValue = draft ?? value;
  // Closing the dropdown over a half-chosen range makes Mantine clear the field. That close only drops
  // the first day; it must not clear the applied period as the clear button does.
  const closingHalfChosen = useRef(false);

  return (
    <DatePickerInput
      {...props}
      type="range"
      value={pickerValue}
      popoverProps={{
        ...popoverProps,
        onClose: () => {
          popoverProps?.onClose?.();
          closingHalfChosen.current = pickerValue[0] !== null && pickerValue[1] === null;
          queueMicrotask(() => {
            closingHalfChosen.current = false;
          });
        },
      }}
      onChange={([from, to]) => {
        if (from !== null && to === null) {
          setDraft([toDay(from), null]);
          return;
        }
        setDraft(null);
        if (from !== null && to !== null) {
          onApply(toDay(from), toDay(to));
        } else if (!closingHalfChosen.current) {
          onApply(null, null);
        }
        closingHalfChosen.current = false;
      }}
    />
  );
}
