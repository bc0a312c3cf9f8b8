export type ParsedDuration = { ok: true; seconds: number } | { ok: false; message: string };

const UNIT_SECONDS: Readonly<Record<string, number>> = {
  ч: 3600, час: 3600, часа: 3600, часов: 3600, h: 3600,
  м: 60, мин: 60, минута: 60, минуты: 60, минут: 60, min: 60, m: 60,
  с: 1, сек: 1, секунда: 1, секунды: 1, секунд: 1, s: 1, sec: 1,
};

const WORDS = /^(?:\s*\d+(?:[.,]\d+)?\s*[a-zа-я]+\.?)+\s*$/u;
const WORD_PART = /(\d+(?:[.,]\d+)?)\s*([a-zа-я]+)/gu;

/**
 * Parses a duration as exports write it: seconds (`125`, `125,0`), a clock (`2:05`, `00:02:05`) or words
 * (`2 мин 5 сек`, `1 ч 2 мин`). An empty cell is zero only when `emptyIsZero` is set.
 */
export function parseDurationSec(text: string, options: { emptyIsZero?: boolean } = {}): ParsedDuration {
  const value = text.trim().toLowerCase();
  if (value === '' || value === '-' || value === '—') {
    return options.emptyIsZero === true ? { ok: true, seconds: 0 } : { ok: false, message: 'длительность не указана' };
  }
  if (/^\d+(?:[.,]\d+)?$/.test(value)) {
    return { ok: true, seconds: Math.round(Number(value.replace(',', '.'))) };
  }
  const clock = /^(?:(\d+):)?(\d{1,2}):(\d{2})(?:[.,]\d+)?$/.exec(value);
  if (clock !== null) {
    const [, hours = '0', minutes = '0', seconds = '0'] = clock;
    return { ok: true, seconds: Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds) };
  }
  if (WORDS.test(value)) {
    let total = 0;
    for (const [, amount = '0', unit = ''] of value.matchAll(WORD_PART)) {
      const factor = UNIT_SECONDS[unit];
      if (factor === undefined) {
        return { ok: false, message: `непонятная единица времени «${unit}» в длительности «${text.trim()}»` };
      }
      total += Number(amount.replace(',', '.')) * factor;
    }
    return { ok: true, seconds: Math.round(total) };
  }
  return { ok: false, message: `не удалось прочитать длительность «${text.trim()}»` };
}
