import { z } from '@hono/zod-openapi';

import { dateOrTimeSchema, dateSchema, described, nullableRef } from './common.schemas.ts';

export const outcomesQuerySchema = z.object({
  /** Results from this date or time on. */
  from: dateOrTimeSchema
    .optional()
    .openapi(described('Начало периода, включительно: дата ГГГГ-ММ-ДД (полночь в часовом поясе установки) или время ISO 8601. Без него — с самых ранних данных.')),
  /** Results before this date or time. */
  to: dateOrTimeSchema
    .optional()
    .openapi(
      described(
        'Конец периода, не включительно: период кончается перед этим моментом. Дата ГГГГ-ММ-ДД — полночь в часовом поясе установки, поэтому один день D — это from=D&to=D+1. Без него — до последних данных.',
      ),
    ),
  teamId: z.coerce.number().int().positive().optional().openapi(described('Только эта команда (id).')),
  managerId: z.coerce.number().int().positive().optional().openapi(described('Только этот менеджер (id).')),
  /** The date the ОКК started: NPS and repeat purchases are compared before and after it. */
  since: dateSchema.optional().openapi(described('Дата начала работы ОКК, ГГГГ-ММ-ДД: NPS и повторные покупки сравниваются до неё и после.')),
});

export const managerOutcomesQuerySchema = outcomesQuerySchema.omit({ teamId: true, managerId: true });

export type OutcomesQueryInput = z.infer<typeof outcomesQuerySchema>;

/** A number that is null where it cannot be computed (no cases). */
const figure = z.number().nullable();

const intervalSchema = z.object({ estimate: figure, low: figure, high: figure }).openapi('Interval');

const proportionSchema = intervalSchema.extend({ successes: z.number().int(), n: z.number().int() }).openapi('Proportion');

export const managerFiguresSchema = z
  .object({
    managerId: z.number().int().nullable(),
    name: z.string(),
    team: z.string().nullable(),
    promises: z.object({
      kept: z.number().int(),
      broken: z.number().int(),
      pending: z.number().int(),
      unverified: z.number().int(),
      /** Kept among kept and broken, with the Wilson interval. */
      keptRate: nullableRef(proportionSchema),
    }),
    missedCalls: z.object({
      episodes: z.number().int(),
      calledBack: z.number().int(),
      late: z.number().int(),
      noCallback: z.number().int(),
      pending: z.number().int(),
      callbackRate: nullableRef(proportionSchema),
      medianCallbackSec: figure,
      medianCallbackWorkingSec: figure,
    }),
    newLeads: z.object({ count: z.number().int(), reached: z.number().int(), medianResponseSec: figure }),
    nps: z.object({ answers: z.number().int(), meanScore: figure, npsIndex: figure }),
    repeatPurchase: z.object({ calls: z.number().int(), rate: figure }),
  })
  .openapi('ManagerOutcomes');

const evidenceRefSchema = z.object({ kind: z.enum(['call_log', 'call', 'crm_event']), ref: z.string(), at: z.string() });

export const promiseCheckSchema = z
  .object({
    callId: z.string(),
    promiseKey: z.string(),
    turn: z.number().int(),
    action: z.string(),
    quote: z.string(),
    dueText: z.string().nullable(),
    promisedAt: z.string(),
    dueAt: z.string(),
    dueSource: z.enum(['said', 'default']),
    managerId: z.number().int().nullable(),
    teamId: z.number().int().nullable(),
    clientId: z.number().int().nullable(),
    outcome: z.enum(['pending', 'kept', 'broken', 'unverified']),
    evidence: evidenceRefSchema.nullable(),
    lateFollowUpAt: z.string().nullable(),
    checkedAt: z.string(),
  })
  .openapi('PromiseCheck');

const promiseRowSchema = promiseCheckSchema.extend({ manager: z.string().nullable(), clientPhone: z.string().nullable() }).openapi('PromiseRow');

const missedCallRowSchema = z
  .object({
    recordId: z.number().int(),
    clientId: z.number().int().nullable(),
    clientPhone: z.string(),
    missedAt: z.string(),
    attempts: z.number().int(),
    dueAt: z.string(),
    managerId: z.number().int().nullable(),
    teamId: z.number().int().nullable(),
    outcome: z.enum(['pending', 'called_back', 'late', 'no_callback']),
    callback: evidenceRefSchema.nullable(),
    callbackSec: figure,
    callbackWorkingSec: figure,
    checkedAt: z.string(),
    manager: z.string().nullable(),
    team: z.string().nullable(),
  })
  .openapi('MissedCallRow');

const driverGroupSchema = proportionSchema.extend({ meanValue: figure });

const driverSchema = z
  .object({
    /** `finding:<kind>` or `criterion:<id>`. */
    feature: z.string(),
    title: z.string(),
    withFeature: driverGroupSchema,
    withoutFeature: driverGroupSchema,
    rateDifference: intervalSchema,
    meanDifference: nullableRef(intervalSchema),
    verdict: z.enum(['worse', 'better', 'no_effect', 'insufficient_data']),
    verdictTitle: z.string(),
    /** Ids of calls that show the feature, those with the bad outcome first. */
    examples: z.array(z.string()),
  })
  .openapi('Driver');

const driverReportSchema = z
  .object({
    units: z.number().int(),
    badUnits: z.number().int(),
    testedFeatures: z.number().int(),
    level: z.number(),
    adjustedLevel: z.number(),
    drivers: z.array(driverSchema),
    excluded: z.object({ withoutCalls: z.number().int(), windowOpen: z.number().int() }),
    windowDays: z.number(),
  })
  .openapi('DriverReport');

const npsPeriodSchema = z.object({ n: z.number().int(), meanScore: figure, npsIndex: figure, detractorRate: figure });

const trendVerdictSchema = z.enum(['up', 'down', 'no_change', 'insufficient_data']);

const trendsSchema = z
  .object({
    since: z.string(),
    nps: z.array(
      z.object({
        group: z.string(),
        title: z.string(),
        verdictTitle: z.string(),
        trend: z.object({ group: z.string(), before: npsPeriodSchema, after: npsPeriodSchema, npsIndexDifference: intervalSchema, meanDifference: intervalSchema, verdict: trendVerdictSchema }),
      }),
    ),
    repeatPurchase: z.array(
      z.object({
        group: z.string(),
        title: z.string(),
        verdictTitle: z.string(),
        trend: z.object({ group: z.string(), before: proportionSchema, after: proportionSchema, difference: intervalSchema, verdict: trendVerdictSchema }),
      }),
    ),
  })
  .openapi('OutcomeTrends');

export const outcomesReportSchema = z
  .object({
    generatedAt: z.string(),
    period: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
    totals: managerFiguresSchema,
    managers: z.array(managerFiguresSchema),
    promises: z.array(promiseRowSchema),
    missedCalls: z.array(missedCallRowSchema),
    drivers: z.object({ detractors: driverReportSchema, noRepeatPurchase: driverReportSchema }),
    trends: nullableRef(trendsSchema),
    unanalysedRecordings: z.number().int(),
  })
  .openapi('OutcomesReport');

const clientContactSchema = z
  .object({
    kind: z.enum(['call', 'call_log']),
    id: z.string(),
    /** An analysed call's start as the source gave it (as on the call page); a record's UTC instant. */
    startedAt: z.string().nullable(),
    direction: z.string().nullable(),
    status: z.string().nullable(),
    managerId: z.number().int().nullable(),
    managerName: z.string().nullable(),
    teamId: z.number().int().nullable(),
    durationSec: figure,
    score: figure,
    callId: z.string().nullable(),
  })
  .openapi('ClientContact');

export const clientHistorySchema = z
  .object({
    client: z.object({ id: z.number().int(), phone: z.string().nullable(), crmId: z.string().nullable() }).nullable(),
    earlier: z.array(clientContactSchema),
    later: z.array(clientContactSchema),
    promises: z.array(promiseCheckSchema),
  })
  .openapi('ClientHistory');
