import { z } from '@hono/zod-openapi';

import { CRITERION_IDS } from '../../core/model/checklist.ts';
import { FINDING_KINDS } from '../../core/model/evaluation.ts';
import { toInstant } from '../../data/time.ts';

/** One invalid field of a request: its path (`teamIds[1]`, `body.comment`) and a Russian message. */
export const fieldErrorSchema = z
  .object({
    path: z.string().openapi({ example: 'scoreMin' }),
    message: z.string().openapi({ example: 'Ошибка в параметрах запроса: scoreMax: не больше 100.' }),
  })
  .openapi('FieldError');

/** Every error response: a stable English code and a Russian message a user can act on. */
export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'NOT_FOUND' }),
      message: z.string().openapi({ example: 'Звонок не найден' }),
      /** Present on VALIDATION_FAILED: each invalid field of the request. */
      fields: z.array(fieldErrorSchema).optional(),
    }),
  })
  .openapi('ErrorResponse');

export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export const findingKindSchema = z.enum(FINDING_KINDS).openapi('FindingKind');
export const criterionIdSchema = z.enum(CRITERION_IDS).openapi('CriterionId');
export const severitySchema = z.enum(['critical', 'major', 'minor']).openapi('Severity');
export const criterionResultSchema = z.enum(['passed', 'failed', 'not_applicable']).openapi('CriterionResult');
export const directionSchema = z.enum(['inbound', 'outbound']).openapi('Direction');

export const namedRefSchema = z.object({ id: z.number().int(), name: z.string() }).openapi('NamedRef');

/**
 * Builds a field that is a named schema (one with `.openapi('Name')`) or null. Use it in place of
 * `.nullable()` on a named schema. zod-to-openapi copies the name onto the nullable wrapper, so the
 * document then either makes the component itself nullable (where it meets the wrapper first) or refers
 * to it with no null allowed. This union is written as `anyOf: [{ $ref }, { type: 'null' }]`, and the
 * lazy wrapper keeps a named union such as `ReviewTarget` from being spread into that `anyOf`.
 */
export function nullableRef<T extends z.ZodType>(schema: T) {
  return z.union([z.lazy(() => schema), z.null()]);
}

/** A place in the call that backs a verdict. `quote` is the transcript's own words. */
export const evidenceSchema = z
  .object({
    turn: z.number().int(),
    startSec: z.number().nullable(),
    quote: z.string(),
  })
  .openapi('Evidence');

/** A path parameter that is a positive integer id. */
export const idParam = (name: string) =>
  z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name, in: 'path' }, example: 1 });

const DATE_OR_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NO_SUCH_TIME = 'такой даты или времени нет в календаре: проверьте месяц, число, часы и минуты';
const NO_SUCH_DATE = 'такой даты нет в календаре: проверьте месяц и число';

/** True unless the value has the right shape but names a day or time that does not exist (2026-02-30, 24:61). */
function existsInCalendar(value: string): boolean {
  return !DATE_OR_TIME.test(value) || toInstant(value, 'UTC') !== null;
}

/** A date `YYYY-MM-DD` or an ISO 8601 time with an offset, as list filters take it. */
export const dateOrTimeSchema = z
  .string()
  .regex(DATE_OR_TIME, 'укажите дату ГГГГ-ММ-ДД или время ISO 8601')
  .refine(existsInCalendar, { error: NO_SUCH_TIME, abort: true });

/** A calendar date `YYYY-MM-DD`. */
export const dateSchema = z
  .string()
  .regex(DATE, 'укажите дату в виде ГГГГ-ММ-ДД')
  .refine(existsInCalendar, { error: NO_SUCH_DATE, abort: true });

/** An IANA time zone name such as `Europe/Moscow`. */
export const timeZoneSchema = z.string().refine(isTimeZone, { error: 'неизвестный часовой пояс: укажите зону IANA, например Europe/Moscow' });

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('ru-RU', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds a query parameter that takes several values: repeated (`?teamId=1&teamId=2`) or comma-separated
 * (`?teamId=1,2`). The parsed value is always an array.
 */
export function listQuery<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => {
    if (value === undefined || value === '') {
      return undefined;
    }
    const values: unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
    return values.flatMap((entry): unknown[] => (typeof entry === 'string' ? entry.split(',').map((part) => part.trim()).filter((part) => part !== '') : [entry]));
  }, z.array(item).optional());
}

/** Returns the `.openapi()` metadata that describes a query parameter. */
export function described(description: string) {
  return { param: { description } };
}

/** Returns the `.openapi()` metadata of a `listQuery` parameter: an array, repeated or comma-separated, and its description. */
export function listParam(name: string, itemType: 'integer' | 'string', description: string) {
  return {
    param: { name, in: 'query' as const, style: 'form' as const, explode: true, description },
    type: 'array' as const,
    items: { type: itemType },
  };
}

/** A boolean query parameter: `true`/`1` or `false`/`0`. */
export const booleanQuery = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');
