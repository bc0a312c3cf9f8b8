import { z } from '@hono/zod-openapi';

import {
  booleanQuery,
  criterionIdSchema,
  criterionResultSchema,
  dateOrTimeSchema,
  described,
  directionSchema,
  evidenceSchema,
  findingKindSchema,
  listParam,
  listQuery,
  namedRefSchema,
  nullableRef,
  severitySchema,
} from './common.schemas.ts';
import { disputeSchema, reviewEventSchema, reviewOverrideSchema } from './reviews.schemas.ts';

const score = z.coerce.number().min(0).max(100);

export const callListQuerySchema = z.object({
  /** Calls that started at or after this date (a bare date is midnight in the installation's zone). */
  from: dateOrTimeSchema
    .optional()
    .openapi(described('Начало периода: звонки, начатые в этот момент или позже. Дата ГГГГ-ММ-ДД — полночь в часовом поясе установки, или время ISO 8601, например 2026-12-03T09:00+03:00.')),
  /** Calls that started before this date or time (exclusive). */
  to: dateOrTimeSchema
    .optional()
    .openapi(
      described(
        'Конец периода, не включительно: звонки, начатые раньше этого момента. Дата ГГГГ-ММ-ДД — полночь в часовом поясе установки, поэтому звонки одного дня D — это from=D&to=D+1 (например, from=2026-12-03&to=2026-12-04).',
      ),
    ),
  managerId: listQuery(z.coerce.number().int().positive()).openapi(
    listParam('managerId', 'integer', 'Звонки этих менеджеров (id): повторите параметр (managerId=1&managerId=2) или перечислите через запятую (managerId=1,2).'),
  ),
  teamId: listQuery(z.coerce.number().int().positive()).openapi(
    listParam('teamId', 'integer', 'Звонки этих команд (id): повторите параметр (teamId=1&teamId=2) или перечислите через запятую (teamId=1,2).'),
  ),
  direction: directionSchema.optional().openapi(described('Направление: inbound — входящие, outbound — исходящие.')),
  scoreMin: score.optional().openapi(described('Оценка не ниже этой, от 0 до 100; звонки без оценки не попадают.')),
  scoreMax: score.optional().openapi(described('Оценка не выше этой, от 0 до 100; звонки без оценки не попадают.')),
  findingKind: listQuery(findingKindSchema).openapi(
    listParam('findingKind', 'string', 'Звонки хотя бы с одной из этих находок: повторите параметр или перечислите через запятую (findingKind=irritation,long_hold).'),
  ),
  failedCriterion: listQuery(criterionIdSchema).openapi(
    listParam('failedCriterion', 'string', 'Звонки, где не пройден хотя бы один из этих критериев: повторите параметр или перечислите через запятую (failedCriterion=greeting,needs).'),
  ),
  /** Russian text search by word form: «перезвоню» finds «перезвонить», «перезвонит». */
  q: z
    .string()
    .trim()
    .max(500)
    .optional()
    .openapi(
      described(
        'Поиск по словам разговора в любой форме: «перезвоню» находит «перезвонить» и «перезвонит», «Анны» — «Анна»; имена, отчества и фамилии тоже. Из нескольких слов в звонке должны быть все.',
      ),
    ),
  sort: z
    .enum(['startedAt', 'score', 'duration', 'manager'])
    .default('startedAt')
    .openapi(described('Сортировка: startedAt — по времени начала, score — по оценке, duration — по длительности, manager — по менеджеру.')),
  order: z.enum(['asc', 'desc']).default('desc').openapi(described('Порядок: desc — по убыванию (по умолчанию), asc — по возрастанию.')),
  limit: z.coerce.number().int().min(1).max(500).default(50).openapi(described('Звонков на странице, от 1 до 500.')),
  /** The previous page's `nextCursor`. */
  cursor: z
    .string()
    .max(1000)
    .optional()
    .openapi(described('Следующая страница: nextCursor из предыдущего ответа, с теми же фильтрами и сортировкой.')),
  /** `false` skips counting the matching calls, which is faster on large stores. */
  withTotal: booleanQuery
    .prefault('true')
    .openapi(described('Считать ли total — число подходящих звонков (до 10 000): true или 1 (по умолчанию); false или 0 — не считать, так быстрее на большой базе.')),
});

export type CallListQuery = z.infer<typeof callListQuerySchema>;

/** A finding as a list row shows it: its kind, severity, place and a short quote (cut with «…»). */
export const findingBriefSchema = z
  .object({
    kind: findingKindSchema,
    severity: severitySchema,
    turn: z.number().int(),
    startSec: z.number().nullable(),
    quote: z.string(),
  })
  .openapi('FindingBrief');

/** A failed checklist criterion as a list row shows it. */
export const failedCriterionBriefSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    critical: z.boolean(),
  })
  .openapi('FailedCriterionBrief');

export const callSummarySchema = z
  .object({
    id: z.string(),
    externalId: z.string().nullable(),
    source: z.string(),
    /** The start time as the source gave it, as the call page shows it: a bare date stays a date. */
    startedAt: z.string().nullable(),
    /** The start as a UTC instant. */
    startedAtUtc: z.string().nullable(),
    durationSec: z.number().nullable(),
    direction: nullableRef(directionSchema),
    manager: nullableRef(namedRefSchema),
    team: nullableRef(namedRefSchema),
    client: z.object({ name: z.string().nullable(), phone: z.string().nullable() }).nullable(),
    turnCount: z.number().int(),
    /** Score of the current evaluation with reviewers' changes applied. */
    score: z.number().nullable(),
    findingCount: z.number().int().nullable(),
    /** The worst findings with reviewers' changes applied (at most two, the worst first); null when not evaluated. */
    worstFindings: z.array(findingBriefSchema).nullable(),
    /** Failed criteria with reviewers' changes applied (at most four, critical first); null when not evaluated. */
    failedCriteria: z.array(failedCriterionBriefSchema).nullable(),
    noSpeech: z.boolean().nullable(),
    transcriptComplete: z.boolean().nullable(),
    evaluatedAt: z.string().nullable(),
  })
  .openapi('CallSummary');

export type CallSummaryView = z.infer<typeof callSummarySchema>;

export const callListResponseSchema = z
  .object({
    items: z.array(callSummarySchema),
    /** Matching calls, counted up to a limit (10,000); null when `withTotal` was false. */
    total: z.number().int().nullable(),
    /** True when more calls match than `total`, which is then the counting limit. */
    totalCapped: z.boolean(),
    nextCursor: z.string().nullable(),
    /** The lemmas the text search looked for, so the UI can highlight them. */
    searchLemmas: z.array(z.string()),
  })
  .openapi('CallList');

export type CallListResponse = z.infer<typeof callListResponseSchema>;

export const turnSchema = z
  .object({
    index: z.number().int(),
    role: z.enum(['manager', 'client', 'unknown']),
    channel: z.number().int().nullable(),
    speaker: z.string().nullable(),
    startSec: z.number().nullable(),
    endSec: z.number().nullable(),
    text: z.string(),
    confidence: z.number().nullable(),
    flags: z.array(z.enum(['unattributed', 'repetition_loop', 'low_confidence', 'silence_text'])),
    overlapsTurn: z.number().int().nullable(),
  })
  .openapi('Turn');

/** The last human decision on a verdict or finding, shown next to it. */
export const reviewMarkSchema = z
  .object({
    overrideId: z.number().int(),
    /** `dispute` when the change came from an accepted dispute. */
    source: z.enum(['review', 'dispute']),
    author: z.string().nullable(),
    comment: z.string(),
    at: z.string(),
  })
  .openapi('ReviewMark');

export const criterionViewSchema = z
  .object({
    id: criterionIdSchema,
    title: z.string(),
    weight: z.number(),
    critical: z.boolean(),
    /** The verdict in force: the engine's, or a reviewer's where one changed or confirmed it. */
    result: criterionResultSchema,
    /** The engine's own verdict. */
    machineResult: criterionResultSchema,
    explanation: z.string(),
    evidence: z.array(evidenceSchema),
    review: nullableRef(reviewMarkSchema),
    /** The open dispute on this verdict, if any. */
    openDisputeId: z.number().int().nullable(),
  })
  .openapi('CriterionView');

export const findingViewSchema = z
  .object({
    /** Stable key of the finding within the call (`kind@turn`), which reviews and disputes refer to. */
    key: z.string(),
    kind: findingKindSchema,
    /** Russian name of the kind. */
    title: z.string(),
    severity: severitySchema,
    /** `engine` for a finding okk found, `reviewer` for one a reviewer added. */
    origin: z.enum(['engine', 'reviewer']),
    turn: z.number().int(),
    startSec: z.number().nullable(),
    quote: z.string(),
    explanation: z.string(),
    recommendation: z.string(),
    evidence: z.array(evidenceSchema),
    review: nullableRef(reviewMarkSchema),
    openDisputeId: z.number().int().nullable(),
  })
  .openapi('FindingView');

export const evaluationViewSchema = z
  .object({
    id: z.number().int(),
    checklist: z.object({ id: z.string(), version: z.number().int() }),
    createdAt: z.string(),
    /** Score with reviewers' changes applied, 0–100, or null when nothing could be judged. */
    score: z.number().nullable(),
    /** The engine's own score. */
    machineScore: z.number().nullable(),
    criteria: z.array(criterionViewSchema),
    findings: z.array(findingViewSchema),
    /** Findings of the engine that a reviewer removed as false. */
    removedFindings: z.array(findingViewSchema),
    /** Reviewers' changes that no longer apply: their criterion or finding is not in this evaluation. */
    staleOverrides: z.array(reviewOverrideSchema),
    metrics: z.object({
      turns: z.number().int(),
      managerWords: z.number().int(),
      clientWords: z.number().int(),
      managerTalkShare: z.number().nullable(),
      longestManagerMonologueSec: z.number().nullable(),
      longestManagerMonologueWords: z.number().int(),
      managerQuestions: z.number().int(),
      clientQuestions: z.number().int(),
      interruptions: z.number().int(),
      silenceSec: z.number().nullable(),
      speechRateWpm: z.number().nullable(),
      scriptedTurns: z.number().int(),
    }),
    promises: z.array(
      z.object({
        turn: z.number().int(),
        startSec: z.number().nullable(),
        quote: z.string(),
        action: z.enum(['callback', 'send', 'visit', 'transfer', 'other']),
        dueText: z.string().nullable(),
        due: z.string().nullable(),
      }),
    ),
    client: z.object({
      sentimentStart: z.enum(['positive', 'neutral', 'negative']).nullable(),
      sentimentEnd: z.enum(['positive', 'neutral', 'negative']).nullable(),
    }),
    transcript: z.object({
      complete: z.boolean(),
      noSpeech: z.boolean(),
      warnings: z.array(z.object({ code: z.string(), message: z.string() })),
    }),
  })
  .openapi('EvaluationView');

export type EvaluationView = z.infer<typeof evaluationViewSchema>;

export const evaluationHistoryItemSchema = z
  .object({
    id: z.number().int(),
    checklist: z.object({ id: z.string(), version: z.number().int() }),
    score: z.number().nullable(),
    current: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('EvaluationHistoryItem');

/** Another call of the same client, known by phone or CRM id. */
export const clientCallSchema = z
  .object({
    id: z.string(),
    /** The start time as the source gave it, as the call page shows it. */
    startedAt: z.string().nullable(),
    /** The start as a UTC instant, for comparing calls. */
    startedAtUtc: z.string().nullable(),
    direction: nullableRef(directionSchema),
    durationSec: z.number().nullable(),
    manager: nullableRef(namedRefSchema),
    score: z.number().nullable(),
  })
  .openapi('ClientCall');

export const callDetailSchema = z
  .object({
    call: z.object({
      id: z.string(),
      externalId: z.string().nullable(),
      source: z.string(),
      /** The start time as the source gave it. */
      startedAt: z.string().nullable(),
      /** The start as a UTC instant. */
      startedAtUtc: z.string().nullable(),
      durationSec: z.number().nullable(),
      direction: nullableRef(directionSchema),
      manager: nullableRef(namedRefSchema),
      team: nullableRef(namedRefSchema),
      client: z.object({ name: z.string().nullable(), phone: z.string().nullable() }).nullable(),
      transcriptFormat: z.string(),
      roles: z.object({ method: z.enum(['labels', 'channel', 'content', 'manual']), confidence: z.number().nullable() }),
      warnings: z.array(z.object({ code: z.string(), message: z.string() })),
    }),
    turns: z.array(turnSchema),
    audio: z.object({
      available: z.boolean(),
      /** Path of the audio endpoint, which supports HTTP Range for seeking. */
      url: z.string().nullable(),
      durationSec: z.number().nullable(),
    }),
    evaluation: nullableRef(evaluationViewSchema),
    evaluationHistory: z.array(evaluationHistoryItemSchema),
    reviewHistory: z.array(reviewEventSchema),
    disputes: z.array(disputeSchema),
    /** Other analysed calls of the same client that the viewer may see, newest first. */
    otherCalls: z.array(clientCallSchema),
  })
  .openapi('CallDetail');

export type CallDetail = z.infer<typeof callDetailSchema>;

export const callIdParamSchema = z.object({
  id: z.string().min(1).max(300).openapi({ param: { name: 'id', in: 'path' }, example: 'call-2026-12-03-0001' }),
});

export const swapRolesRequestSchema = z
  .strictObject({
    comment: z.string().trim().max(2000).optional(),
  })
  .openapi('SwapRolesRequest');

export type SwapRolesRequest = z.infer<typeof swapRolesRequestSchema>;

/** The call's evaluation and review state after a review, a dispute decision or a swap of roles. */
export const callReviewStateSchema = z
  .object({
    callId: z.string(),
    evaluation: nullableRef(evaluationViewSchema),
    reviewHistory: z.array(reviewEventSchema),
    disputes: z.array(disputeSchema),
  })
  .openapi('CallReviewState');

export type CallReviewState = z.infer<typeof callReviewStateSchema>;

export const findingKeyParamSchema = z.object({
  id: callIdParamSchema.shape.id,
  findingKey: z.string().min(1).max(200).openapi({ param: { name: 'findingKey', in: 'path' }, example: 'irritation@4' }),
});

export const criterionParamSchema = z.object({
  id: callIdParamSchema.shape.id,
  criterionId: criterionIdSchema.openapi({ param: { name: 'criterionId', in: 'path' }, example: 'greeting' }),
});

export const overrideParamSchema = z.object({
  id: callIdParamSchema.shape.id,
  overrideId: z.coerce.number().int().positive().openapi({ param: { name: 'overrideId', in: 'path' }, example: 1 }),
});
