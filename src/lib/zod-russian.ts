import { z } from 'zod';


// Validation messages reach users (config files, sidecars, API input), so zod speaks Russian
// process-wide. Importing `z` from here guarantees the locale is set before the first parse.
// The common cases get plain wording here («не больше 100», «нужно целое число»); the rest falls back
// to zod's own Russian locale, whose phrasing reads like a translation («ожидалось, что number будет <=100»).
z.config(z.locales.ru());
z.config({ customError: russianMessage });

export { z };

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'нужна строка',
  number: 'нужно число',
  int: 'нужно целое число',
  boolean: 'нужно true или false',
  array: 'нужен список',
  object: 'нужен объект',
  date: 'нужна дата',
};

// Genitive singular and plural: «не больше 21 символа», «не больше 3 символов».
const UNITS: Readonly<Record<string, readonly [string, string]>> = {
  string: ['символа', 'символов'],
  array: ['элемента', 'элементов'],
  set: ['элемента', 'элементов'],
  file: ['байта', 'байт'],
};

/** Returns the Russian message of a common issue, or undefined to leave the issue to zod's locale. */
function russianMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) {
        return 'обязательное поле';
      }
      return EXPECTED[issue.expected];
    }
    case 'too_big':
      return bound(issue.origin, Number(issue.maximum), issue.inclusive === true, 'max');
    case 'too_small':
      return bound(issue.origin, Number(issue.minimum), issue.inclusive === true, 'min');
    case 'invalid_value':
      return issue.input === undefined ? `обязательное поле, ${allowedValues(issue.values)}` : allowedValues(issue.values);
    case 'invalid_union':
      return unionMessage(issue);
    case 'unrecognized_keys':
      return unknownKeysMessage(issue.keys, issue.inst);
    default:
      return undefined;
  }
}

/**
 * Returns the message for unknown keys of a strict object and lists the keys it declares, for example
 * «неизвестное поле «name» (допустимые поля: login, displayName)». A record has no list to give.
 */
function unknownKeysMessage(keys: readonly string[], inst: z.core.$ZodType | z.core.$ZodCheck | undefined): string {
  const quoted = keys.map((key) => `«${key}»`).join(', ');
  const unknown = keys.length === 1 ? `неизвестное поле ${quoted}` : `неизвестные поля ${quoted}`;
  const shape = inst instanceof z.core.$ZodObject ? inst._zod.def.shape : undefined;
  const allowed = shape === undefined ? [] : Object.keys(shape);
  return allowed.length === 0 ? unknown : `${unknown} (допустимые поля: ${allowed.join(', ')})`;
}

function allowedValues(values: readonly unknown[]): string {
  return values.length === 1 ? `допустимо только ${String(values[0])}` : `допустимые значения: ${values.map(String).join(', ')}`;
}

/**
 * Returns the message of a failed union. A discriminated union names the values its tag may take. Any
 * other union lists what each option expected («нужна строка или нужно число») when every option failed
 * on the value itself, and is left to zod's locale otherwise.
 */
function unionMessage(issue: z.core.$ZodRawIssue<z.core.$ZodIssueInvalidUnion>): string | undefined {
  const options: unknown = issue.options;
  if (issue.discriminator !== undefined && Array.isArray(options) && options.length > 0) {
    const input: unknown = issue.input;
    const tag = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[issue.discriminator] : undefined;
    return tag === undefined ? `обязательное поле, ${allowedValues(options)}` : allowedValues(options);
  }
  const branches = issue.errors;
  const failedOnValue = branches.length > 0 && branches.every((branchIssues) => branchIssues.length === 1 && branchIssues[0]?.path.length === 0);
  if (!failedOnValue) {
    return undefined;
  }
  return [...new Set(branches.map((branchIssues) => branchIssues[0]?.message ?? ''))].join(' или ');
}

function bound(origin: string | undefined, limit: number, inclusive: boolean, side: 'min' | 'max'): string | undefined {
  const units = origin === undefined ? undefined : UNITS[origin];
  if (units !== undefined) {
    if (side === 'min' && limit === 1 && origin === 'string') {
      return 'не может быть пустым';
    }
    const count = inclusive ? limit : side === 'max' ? limit - 1 : limit + 1;
    const [singular, pluralForm] = units;
    const noun = count % 10 === 1 && count % 100 !== 11 ? singular : pluralForm;
    return `${side === 'max' ? 'не больше' : 'не меньше'} ${count} ${noun}`;
  }
  if (origin !== 'number' && origin !== 'int' && origin !== 'bigint') {
    return undefined;
  }
  // A bare «больше 0» reads as a fragment after a field name, so a strict bound names what is expected.
  if (side === 'max') {
    return inclusive ? `не больше ${limit}` : `нужно число меньше ${limit}`;
  }
  return inclusive ? `не меньше ${limit}` : `нужно число больше ${limit}`;
}
