import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type PhoneNumberResult =
  /** A public number in E.164, with the extension dialled after it, if any. */
  | { kind: 'e164'; e164: string; extension: string | null }
  /** A short internal number of the PBX (a manager's line, a queue, an IVR menu). */
  | { kind: 'extension'; extension: string }
  /** Nothing was written, or the number is hidden («anonymous», «Скрытый номер»). */
  | { kind: 'empty' }
  /** Not recognisable as a number; `message` is Russian. */
  | { kind: 'invalid'; message: string };

export interface PhoneNumberOptions {
  /** Country of numbers written without a country code. */
  defaultCountry?: CountryCode;
  /** Digit-only numbers up to this length are PBX extensions, not clients. */
  maxExtensionDigits?: number;
}

const DEFAULT_COUNTRY: CountryCode = 'RU';
const DEFAULT_MAX_EXTENSION_DIGITS = 5;

const HIDDEN_NUMBERS = new Set(['anonymous', 'unknown', 'unavailable', 'private', 'restricted', 'скрытый', 'скрытый номер', 'номер скрыт', 'неизвестный', 'неизвестно', 'нет номера', 'не определен', 'не определён']);

/**
 * Normalises a phone number as call logs write it: `+7…`, `8…`, `7…` without a plus, ten digits, with
 * spaces, brackets, dashes, an extension («доб. 123», «#12»), as a SIP address (`sip:101@pbx`), or dialled
 * through international prefixes (`00`, `810`) and a line-seize digit. Short digit-only numbers are
 * extensions of the PBX.
 */
export function normalizePhoneNumber(raw: string, options: PhoneNumberOptions = {}): PhoneNumberResult {
  const key = `${options.defaultCountry ?? DEFAULT_COUNTRY}|${options.maxExtensionDigits ?? DEFAULT_MAX_EXTENSION_DIGITS}|${raw}`;
  const cached = CACHE.get(key);
  if (cached !== undefined) {
    return cached;
  }
  const result = normalizeUncached(raw, options);
  if (CACHE.size >= CACHE_LIMIT) {
    CACHE.clear();
  }
  CACHE.set(key, Object.freeze(result));
  return result;
}

/**
 * Call logs repeat the same numbers (managers, regular clients) many times, and one libphonenumber
 * validation costs about 0.07 ms, so results are kept for the next rows.
 */
const CACHE = new Map<string, PhoneNumberResult>();
const CACHE_LIMIT = 50_000;

function normalizeUncached(raw: string, options: PhoneNumberOptions): PhoneNumberResult {
  const country = options.defaultCountry ?? DEFAULT_COUNTRY;
  const maxExtensionDigits = options.maxExtensionDigits ?? DEFAULT_MAX_EXTENSION_DIGITS;

  const text = stripSipAddress(raw.trim());
  if (text === '' || HIDDEN_NUMBERS.has(text.toLowerCase())) {
    return { kind: 'empty' };
  }
  if (/^\d+$/.test(text) && text.length <= maxExtensionDigits) {
    return { kind: 'extension', extension: text };
  }
  if (!/\d/.test(text)) {
    return { kind: 'invalid', message: `«${raw.trim()}» не похоже на номер телефона` };
  }

  for (const candidate of candidatesOf(text)) {
    const parsed = parsePhoneNumberFromString(candidate, country);
    if (parsed?.isValid() === true) {
      return { kind: 'e164', e164: parsed.number, extension: parsed.ext ?? null };
    }
  }
  return { kind: 'invalid', message: `номер «${raw.trim()}» не распознан: нет такого номера ни в российском, ни в международном формате` };
}

/** `sip:101@pbx.local` and `"Иванов" <sip:+74951234567@host>` carry the number in the user part. */
function stripSipAddress(text: string): string {
  const match = /^(?:[^<]*<)?(?:sips?:)?([^@<>;\s]+)@[^>]*>?$/i.exec(text) ?? /^sips?:(.+)$/i.exec(text);
  return match?.[1] ?? text;
}

/**
 * Lists readings of one number, most likely first. A PBX log keeps the digits as dialled. Besides the
 * national reading, the number may carry the `00` or Russian `810` international prefix or a country code
 * without a plus, and a line-seize digit (`0` or `9`) may come before all of that.
 */
function candidatesOf(text: string): string[] {
  if (text.startsWith('+')) {
    return [text];
  }
  const digits = text.replace(/\D/g, '');
  const candidates = [text];
  const international = (number: string): void => {
    if (number.startsWith('810')) candidates.push(`+${number.slice(3)}`);
    if (number.startsWith('00')) candidates.push(`+${number.slice(2)}`);
  };
  international(digits);
  candidates.push(`+${digits}`);
  // NOTE: a leading 0 or 9 is read as a line-seize digit only when the rest is a valid number, so a
  // real number that starts with 9 (a Russian mobile without the 8) is already taken above.
  if (digits.startsWith('0') || digits.startsWith('9')) {
    const rest = digits.slice(1);
    international(rest);
    candidates.push(rest);
  }
  return candidates;
}

/** Digits of a number as written, for messages and matching when it could not be normalised. */
export function digitsOf(raw: string): string {
  return raw.replace(/\D/g, '');
}
