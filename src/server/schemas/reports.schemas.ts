import { z } from '@hono/zod-openapi';

import { criterionIdSchema, dateOrTimeSchema, dateSchema, findingKindSchema, listQuery, namedRefSchema, timeZoneSchema } from './common.schemas.ts';

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

export const coachingQuerySchema = z.object({
  /** Weeks of the score chart, the current one included. */
  weeks: z.coerce.number().int().min(2).max(52).default(8),
  timeZone: timeZoneSchema.optional(),
});

export type CoachingQuery = z.infer<typeof coachingQuerySchema>;

export const coachingResponseSchema = z
  .object({
    manager: namedRefSchema.extend({ team: namedRefSchema.nullable() }),
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
  from: dateOrTimeSchema.optional(),
  to: dateOrTimeSchema.optional(),
  teamId: listQuery(z.coerce.number().int().positive()).openapi({ param: { name: 'teamId', in: 'query', style: 'form', explode: true }, type: 'array', items: { type: 'integer' } }),
  managerId: listQuery(z.coerce.number().int().positive()).openapi({ param: { name: 'managerId', in: 'query', style: 'form', explode: true }, type: 'array', items: { type: 'integer' } }),
  timeZone: timeZoneSchema.optional(),
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
          fragmentSchema.extend({ score: z.number().nullable(), manager: namedRefSchema.nullable() }),
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
  topFinding: findingKindSchema.nullable(),
});

export const comparisonResponseSchema = z
  .object({
    period: z.object({ from: z.string(), to: z.string() }),
    teams: z.array(comparisonRowSchema.extend({ team: namedRefSchema.nullable() })),
    managers: z.array(comparisonRowSchema.extend({ manager: namedRefSchema.nullable(), team: namedRefSchema.nullable() })),
  })
  .openapi('Comparison');

export type ComparisonResponse = z.infer<typeof comparisonResponseSchema>;

export const trendsQuerySchema = z.object({
  weeks: z.coerce.number().int().min(2).max(104).default(12),
  teamId: reportFilterQuerySchema.shape.teamId,
  managerId: reportFilterQuerySchema.shape.managerId,
  timeZone: timeZoneSchema.optional(),
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
  date: dateSchema.optional(),
  timeZone: timeZoneSchema.optional(),
  /** Calls scoring below this are problem calls. */
  threshold: z.coerce.number().min(0).max(100).default(60),
  teamId: reportFilterQuerySchema.shape.teamId,
  managerId: reportFilterQuerySchema.shape.managerId,
  limit: z.coerce.number().int().min(1).max(500).default(100),
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
        manager: namedRefSchema.nullable(),
        team: namedRefSchema.nullable(),
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
