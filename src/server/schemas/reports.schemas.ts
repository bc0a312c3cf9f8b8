import { z } from '@hono/zod-openapi';

import { criterionIdSchema, dateOrTimeSchema, dateSchema, described, findingKindSchema, listParam, listQuery, namedRefSchema, nullableRef, timeZoneSchema } from './common.schemas.ts';

/** A behaviour to work on: a finding kind, or a criterion the manager fails. */
export const behaviourSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('finding'), kind: findingKindSchema }),
    z.object({ type: z.literal('criterion'), criterionId: criterionIdSchema }),
  ])
  .openapi('Behaviour');

/** A moment of a call that shows a behaviour. */
export const fragmentSchema = z
  .object({
    callId: z.string(),
    /** The call's start as the source gave it, as the call page shows it. */
    callStartedAt: z.string().nullable(),
    turn: z.number().int(),
    startSec: z.number().nullable(),
    quote: z.string(),
    /** Russian: what happened at this moment. */
    explanation: z.string(),
    /** For an interruption, the client turn the manager cut; null for other behaviours. */
    interruptedClient: z.object({ turn: z.number().int(), quote: z.string() }).nullable(),
  })
  .openapi('Fragment');

export const weekPointSchema = z
  .object({
    /** Monday of the week, `YYYY-MM-DD`, in the report's time zone. */
    weekStart: dateSchema,
    calls: z.number().int(),
    evaluatedCalls: z.number().int(),
    averageScore: z.number().nullable(),
  })
  .openapi('WeekPoint');

/** Query parameter with the time zone that a report counts days and weeks in. */
const reportTimeZone = timeZoneSchema
  .optional()
  .openapi(described('Часовой пояс IANA, в котором считаются дни и недели, например Europe/Moscow. По умолчанию — пояс пользователя, если он задан, иначе пояс установки.'));

export const coachingQuerySchema = z.object({
  /** Weeks of the score chart, the current one included. */
  weeks: z.coerce.number().int().min(2).max(52).default(8).openapi(described('Недель в графике оценки, от 2 до 52, текущая включительно.')),
  timeZone: reportTimeZone,
});

export type CoachingQuery = z.infer<typeof coachingQuerySchema>;

export const coachingResponseSchema = z
  .object({
    manager: namedRefSchema.extend({ team: nullableRef(namedRefSchema) }),
    timeZone: z.string(),
    weeks: z.array(weekPointSchema),
    /** The current week against the one before, in score points, or null when either has no score. */
    scoreChange: z.number().nullable(),
    /** Up to three behaviours to work on first, by how often they happen times what they cost. */
    focus: z.array(
      z.object({
        behaviour: behaviourSchema,
        title: z.string(),
        recommendation: z.string(),
        /** Share of the manager's evaluated calls of the period with the behaviour, 0..1. */
        frequency: z.number(),
        /** Score points the behaviour takes from a call by the engine's formula: a finding's severity penalty, a criterion's share of the weight. */
        impact: z.number(),
        callsWith: z.number().int(),
        /** Calls with the behaviour this week and the week before. */
        thisWeek: z.number().int(),
        lastWeek: z.number().int(),
        fragments: z.array(fragmentSchema),
      }),
    ),
  })
  .openapi('Coaching');

export type CoachingResponse = z.infer<typeof coachingResponseSchema>;

export const reportFilterQuerySchema = z.object({
  from: dateOrTimeSchema
    .optional()
    .openapi(
      described('Начало периода, включительно: дата ГГГГ-ММ-ДД (полночь в часовом поясе timeZone) или время ISO 8601. Без него период — 30 дней до его конца.'),
    ),
  to: dateOrTimeSchema
    .optional()
    .openapi(
      described(
        'Конец периода, не включительно: период кончается перед этим моментом. Дата ГГГГ-ММ-ДД — полночь в часовом поясе timeZone, поэтому один день D — это from=D&to=D+1. Без него период идёт до конца сегодняшнего дня.',
      ),
    ),
  teamId: listQuery(z.coerce.number().int().positive()).openapi(
    listParam('teamId', 'integer', 'Только эти команды (id): повторите параметр (teamId=1&teamId=2) или перечислите через запятую (teamId=1,2).'),
  ),
  managerId: listQuery(z.coerce.number().int().positive()).openapi(
    listParam('managerId', 'integer', 'Только эти менеджеры (id): повторите параметр (managerId=1&managerId=2) или перечислите через запятую (managerId=1,2).'),
  ),
  timeZone: reportTimeZone,
});

export type ReportFilterQuery = z.infer<typeof reportFilterQuerySchema>;

export const causesResponseSchema = z
  .object({
    period: z.object({ from: z.string(), to: z.string() }),
    evaluatedCalls: z.number().int(),
    averageScore: z.number().nullable(),
    causes: z.array(
      z.object({
        kind: findingKindSchema,
        title: z.string(),
        callsWith: z.number().int(),
        /** Share of evaluated calls with this finding, 0..1. */
        frequency: z.number(),
        averageScoreWith: z.number().nullable(),
        averageScoreWithout: z.number().nullable(),
        /** How many points lower calls with this finding score than calls without it. */
        scoreGap: z.number().nullable(),
        rankByFrequency: z.number().int(),
        rankByImpact: z.number().int(),
        examples: z.array(
          fragmentSchema.extend({ score: z.number().nullable(), manager: nullableRef(namedRefSchema) }),
        ),
      }),
    ),
  })
  .openapi('Causes');

export type CausesResponse = z.infer<typeof causesResponseSchema>;

const comparisonRowSchema = z.object({
  calls: z.number().int(),
  evaluatedCalls: z.number().int(),
  averageScore: z.number().nullable(),
  /** Calls with each finding kind, leaving out kinds with none. */
  findings: z.record(z.string(), z.number().int()),
  /** The most frequent finding kind, or null. */
  topFinding: nullableRef(findingKindSchema),
});

export const comparisonResponseSchema = z
  .object({
    period: z.object({ from: z.string(), to: z.string() }),
    teams: z.array(comparisonRowSchema.extend({ team: nullableRef(namedRefSchema) })),
    managers: z.array(comparisonRowSchema.extend({ manager: nullableRef(namedRefSchema), team: nullableRef(namedRefSchema) })),
  })
  .openapi('Comparison');

export type ComparisonResponse = z.infer<typeof comparisonResponseSchema>;

export const trendsQuerySchema = z.object({
  weeks: z.coerce.number().int().min(2).max(104).default(12).openapi(described('Сколько последних недель показать, от 2 до 104, текущая включительно.')),
  teamId: reportFilterQuerySchema.shape.teamId,
  managerId: reportFilterQuerySchema.shape.managerId,
  timeZone: reportTimeZone,
});

export type TrendsQuery = z.infer<typeof trendsQuerySchema>;

export const trendsResponseSchema = z
  .object({
    timeZone: z.string(),
    weeks: z.array(
      weekPointSchema.extend({
        /** Calls with each finding kind that week, leaving out kinds with none. */
        findings: z.record(z.string(), z.number().int()),
      }),
    ),
  })
  .openapi('Trends');

export type TrendsResponse = z.infer<typeof trendsResponseSchema>;

export const problemCallsQuerySchema = z.object({
  /** The day to list, `YYYY-MM-DD` in `timeZone`, today there by default. */
  date: dateSchema.optional().openapi(described('День, ГГГГ-ММ-ДД в часовом поясе timeZone; по умолчанию — сегодня.')),
  timeZone: reportTimeZone,
  /** Calls scoring below this are problem calls. */
  threshold: z.coerce.number().min(0).max(100).default(60).openapi(described('Порог оценки, от 0 до 100: звонок с оценкой ниже него — проблемный.')),
  teamId: reportFilterQuerySchema.shape.teamId,
  managerId: reportFilterQuerySchema.shape.managerId,
  limit: z.coerce.number().int().min(1).max(500).default(100).openapi(described('Не больше стольких звонков, от 1 до 500.')),
});

export type ProblemCallsQuery = z.infer<typeof problemCallsQuerySchema>;

export const problemCallsResponseSchema = z
  .object({
    date: dateSchema,
    timeZone: z.string(),
    threshold: z.number(),
    items: z.array(
      z.object({
        id: z.string(),
        /** The start time as the source gave it, as the call page shows it. */
        startedAt: z.string().nullable(),
        durationSec: z.number().nullable(),
        manager: nullableRef(namedRefSchema),
        team: nullableRef(namedRefSchema),
        score: z.number().nullable(),
        /** Why the call is listed: `low_score`, `critical_finding` or both. */
        reasons: z.array(z.enum(['low_score', 'critical_finding'])),
        criticalFindings: z.array(z.object({ kind: findingKindSchema, title: z.string(), turn: z.number().int(), quote: z.string() })),
      }),
    ),
  })
  .openapi('ProblemCalls');

export type ProblemCallsResponse = z.infer<typeof problemCallsResponseSchema>;

export const managerIdParamSchema = z.object({
  managerId: z.coerce.number().int().positive().openapi({ param: { name: 'managerId', in: 'path' }, example: 1 }),
});
