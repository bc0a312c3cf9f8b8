import { z } from 'zod';

/** Notification paths Mango Office posts to: `<url>/events/call`, `/events/summary`, `/events/recording`. */
export type MangoEventKind = 'call' | 'summary' | 'recording';

/** Mango writes numbers as strings or numbers, even within one example (`"timestamp": "1399906976"`). */
const integer = z.union([z.number().int(), z.string().trim().regex(/^-?\d+$/).transform(Number)]);
const text = z.union([z.string(), z.number().transform(String)]);

const party = z
  .object({
    extension: text.optional(),
    number: text.optional(),
    line_number: text.optional(),
    acd_group: text.optional(),
    taken_from_call_id: text.optional(),
  })
  .loose();

const callEventSchema = z
  .object({
    entry_id: text,
    call_id: text,
    timestamp: integer,
    seq: integer,
    call_state: z.enum(['Appeared', 'Connected', 'OnHold', 'Disconnected']),
    location: text.optional(),
    // The vendor's own examples misspell it.
    locaton: text.optional(),
    from: party.default({}),
    to: party.default({}),
    disconnect_reason: integer.optional(),
  })
  .loose()
  .transform(({ locaton, location, ...rest }) => ({ ...rest, location: location ?? locaton ?? null }));

const summaryEventSchema = z
  .object({
    entry_id: text,
    call_direction: integer,
    from: party.default({}),
    to: party.default({}),
    line_number: text.optional(),
    create_time: integer,
    forward_time: integer.optional(),
    talk_time: integer.optional(),
    end_time: integer,
    entry_result: integer,
    disconnect_reason: integer.optional(),
  })
  .loose();

const recordingEventSchema = z
  .object({
    entry_id: text,
    call_id: text.optional(),
    recording_id: text,
    recording_state: text,
    seq: integer.optional(),
    extension: text.optional(),
    timestamp: integer.optional(),
  })
  .loose();

export type MangoCallEvent = z.infer<typeof callEventSchema>;
export type MangoSummaryEvent = z.infer<typeof summaryEventSchema>;
export type MangoRecordingEvent = z.infer<typeof recordingEventSchema>;

export type MangoEvent =
  | { kind: 'call'; event: MangoCallEvent }
  | { kind: 'summary'; event: MangoSummaryEvent }
  | { kind: 'recording'; event: MangoRecordingEvent };

export type ParsedMangoEvent = { ok: true; value: MangoEvent } | { ok: false; message: string };

/**
 * Parses the `json` field of a Mango Office notification. Invalid JSON and missing or malformed fields
 * come back as a Russian message naming the problem; nothing is guessed from a broken body.
 */
export function parseMangoEventJson(kind: MangoEventKind, json: string): ParsedMangoEvent {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    return { ok: false, message: `уведомление Mango Office (events/${kind}) не является корректным JSON: ${(error as Error).message}` };
  }
  const parsed = schemaOf(kind).safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'тело'}: ${describeIssue(issue, valueAt(data, issue.path))}`);
    return { ok: false, message: `в уведомлении Mango Office (events/${kind}) ошибка в полях: ${problems.join('; ')}` };
  }
  return { ok: true, value: { kind, event: parsed.data } as MangoEvent };
}

function schemaOf(kind: MangoEventKind): z.ZodType {
  switch (kind) {
    case 'call':
      return callEventSchema;
    case 'summary':
      return summaryEventSchema;
    case 'recording':
      return recordingEventSchema;
  }
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  if (value === undefined) {
    return 'поле отсутствует';
  }
  const shown = typeof value === 'string' ? `«${value}»` : JSON.stringify(value);
  if (issue.code === 'invalid_value') {
    return `недопустимое значение ${shown} (допустимы: ${issue.values.map(String).join(', ')})`;
  }
  return `недопустимое значение ${shown}`;
}
