import { normalizePhoneNumber, type PhoneNumberOptions } from '../shared/phone-number.ts';
import type { CallLogDirection } from './call-log-record.ts';

/** One side of a call as a log cell names it: a public number, an extension, or nothing usable. */
export type CallParty =
  | { kind: 'public'; e164: string; name: string | null }
  | { kind: 'extension'; extension: string; name: string | null }
  | { kind: 'empty'; name: string | null }
  | { kind: 'invalid'; message: string; name: string | null };

/**
 * Reads a party cell. Besides a bare number it accepts a caller id with a name (`"Иванов Иван" <101>`,
 * «Иванов Иван (101)»), as Asterisk `clid` and Russian web exports write it.
 */
export function readParty(text: string, options: PhoneNumberOptions): CallParty {
  const { name, number } = splitNameAndNumber(text.trim());
  const phone = normalizePhoneNumber(number, options);
  switch (phone.kind) {
    case 'e164':
      return { kind: 'public', e164: phone.e164, name };
    case 'extension':
      return { kind: 'extension', extension: phone.extension, name };
    case 'empty':
      return { kind: 'empty', name };
    case 'invalid':
      // A name alone («Иванов Иван») is a person, not a bad number.
      return name === null ? { kind: 'invalid', message: phone.message, name } : { kind: 'empty', name };
  }
}

function splitNameAndNumber(text: string): { name: string | null; number: string } {
  const bracketed = /^"?([^"<(]*?)"?\s*[<(]\s*([^>)]*?)\s*[>)]$/.exec(text);
  if (bracketed !== null) {
    const name = (bracketed[1] ?? '').trim();
    return { name: /\p{L}/u.test(name) ? name : null, number: bracketed[2] ?? '' };
  }
  if (/\p{L}{2,}/u.test(text) && !/^(?:sips?:|\+|\d)/i.test(text) && !/(?:доб|ext)/i.test(text)) {
    return { name: text, number: '' };
  }
  return { name: null, number: text };
}

export interface DirectionClues {
  from: CallParty;
  to: CallParty;
  /** The company's own public numbers (E.164): a call from one is outbound, a call to one is inbound. */
  companyNumbers: ReadonlySet<string>;
}

/**
 * Works out the direction from who called whom: an extension calling out is outbound, a public number
 * reaching an extension is inbound, two extensions are internal. Returns null when both sides are public
 * numbers that are not the company's, or nothing is known.
 */
export function inferDirection({ from, to, companyNumbers }: DirectionClues): CallLogDirection | null {
  const fromInternal = from.kind === 'extension';
  const toInternal = to.kind === 'extension';
  if (fromInternal && toInternal) return 'internal';
  if (fromInternal) return 'outbound';
  if (toInternal) return 'inbound';

  const fromPublic = from.kind === 'public';
  const toPublic = to.kind === 'public';
  if (fromPublic && toPublic) {
    if (companyNumbers.has(from.e164)) return 'outbound';
    if (companyNumbers.has(to.e164)) return 'inbound';
    return null;
  }
  // One public side and a destination such as Asterisk's `s`: the client is the public side.
  if (fromPublic) return companyNumbers.has(from.e164) ? 'outbound' : 'inbound';
  if (toPublic) return companyNumbers.has(to.e164) ? 'inbound' : 'outbound';
  return null;
}

/** Returns the client's and the manager's side of a call in a given direction. */
export function sidesOf(direction: CallLogDirection, from: CallParty, to: CallParty): { client: CallParty | null; manager: CallParty } {
  switch (direction) {
    case 'inbound':
      return { client: from, manager: to };
    case 'outbound':
      return { client: to, manager: from };
    case 'internal':
      return { client: null, manager: from };
  }
}
