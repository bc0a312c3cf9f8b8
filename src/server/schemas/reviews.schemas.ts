import { z } from '@hono/zod-openapi';

import { criterionIdSchema, criterionResultSchema, findingKindSchema, listQuery, nullableRef, severitySchema } from './common.schemas.ts';

const comment = z.string().trim().min(1, 'добавьте комментарий: почему решение изменено').max(4000, 'комментарий — не длиннее 4000 символов');

/** The subject of a review or dispute: one criterion verdict or one finding of the call. */
export const reviewTargetSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('criterion'), criterionId: criterionIdSchema }),
    z.object({ type: z.literal('finding'), findingKey: z.string().min(1).max(200) }),
  ])
  .openapi('ReviewTarget');

export type ReviewTarget = z.infer<typeof reviewTargetSchema>;

/** A reviewer's decision in force on a call. */
export const reviewOverrideSchema = z
  .object({
    id: z.number().int(),
    target: reviewTargetSchema,
    /** For a criterion: the verdict the reviewer set (equal to the engine's when confirmed). */
    result: nullableRef(criterionResultSchema),
    /** For a finding: `keep` (confirmed, changed or added) or `remove` (a false finding). */
    findingAction: z.enum(['keep', 'remove']).nullable(),
    severity: nullableRef(severitySchema),
    /** True for a finding the engine missed and a reviewer added. */
    added: z.boolean(),
    comment: z.string(),
    source: z.enum(['review', 'dispute']),
    disputeId: z.number().int().nullable(),
    author: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ReviewOverride');

export type ReviewOverrideView = z.infer<typeof reviewOverrideSchema>;

export const reviewEventSchema = z
  .object({
    id: z.number().int(),
    action: z.enum([
      'criterion_confirmed',
      'criterion_changed',
      'finding_confirmed',
      'finding_changed',
      'finding_removed',
      'finding_added',
      'override_reverted',
      'roles_swapped',
      'dispute_opened',
      'dispute_accepted',
      'dispute_rejected',
      'dispute_withdrawn',
    ]),
    /** Russian description of the change, ready to show. */
    summary: z.string(),
    target: nullableRef(reviewTargetSchema),
    from: z.unknown().nullable(),
    to: z.unknown().nullable(),
    comment: z.string().nullable(),
    scoreBefore: z.number().nullable(),
    scoreAfter: z.number().nullable(),
    disputeId: z.number().int().nullable(),
    actor: z.string().nullable(),
    at: z.string(),
  })
  .openapi('ReviewEvent');

export type ReviewEventView = z.infer<typeof reviewEventSchema>;

export const disputeStatusSchema = z.enum(['open', 'accepted', 'rejected', 'withdrawn']).openapi('DisputeStatus');

export const disputeSchema = z
  .object({
    id: z.number().int(),
    callId: z.string(),
    target: reviewTargetSchema,
    /** Russian name of the disputed criterion or finding. */
    targetTitle: z.string(),
    /** For a criterion: the verdict the manager asks for. */
    requestedResult: nullableRef(criterionResultSchema),
    comment: z.string(),
    status: disputeStatusSchema,
    /** Russian name of the status. */
    statusTitle: z.string(),
    openedBy: z.string().nullable(),
    openedAt: z.string(),
    resolutionComment: z.string().nullable(),
    resolvedBy: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    call: z.object({
      /** The start time as the source gave it, as the call page shows it: a bare date stays a date. */
      startedAt: z.string().nullable(),
      manager: z.object({ id: z.number().int(), name: z.string() }).nullable(),
      score: z.number().nullable(),
    }),
  })
  .openapi('Dispute');

export type DisputeView = z.infer<typeof disputeSchema>;

export const criterionReviewRequestSchema = z
  .strictObject({
    /** The verdict in force after the review. Sending the engine's own verdict confirms it. */
    result: criterionResultSchema,
    comment,
  })
  .openapi('CriterionReviewRequest');

export type CriterionReviewRequest = z.infer<typeof criterionReviewRequestSchema>;

export const findingReviewRequestSchema = z
  .discriminatedUnion('action', [
    z.strictObject({ action: z.literal('confirm'), severity: severitySchema.optional(), comment }),
    z.strictObject({ action: z.literal('remove'), comment }),
  ])
  .openapi('FindingReviewRequest');

export type FindingReviewRequest = z.infer<typeof findingReviewRequestSchema>;

export const findingAddRequestSchema = z
  .strictObject({
    kind: findingKindSchema,
    /** Defaults to the severity the checklist gives this kind. */
    severity: severitySchema.optional(),
    turn: z.number().int().min(0),
    /** Words of the turn that show the finding, the whole turn by default. They must occur in the turn. */
    quote: z.string().trim().min(1).max(2000).optional(),
    explanation: z.string().trim().max(2000).optional(),
    recommendation: z.string().trim().max(2000).optional(),
    comment,
  })
  .openapi('FindingAddRequest');

export type FindingAddRequest = z.infer<typeof findingAddRequestSchema>;

export const overrideRevertRequestSchema = z.strictObject({ comment }).openapi('OverrideRevertRequest');

export type OverrideRevertRequest = z.infer<typeof overrideRevertRequestSchema>;

export const disputeCreateRequestSchema = z
  .strictObject({
    target: reviewTargetSchema,
    /** For a criterion: the verdict asked for, `passed` by default. */
    requestedResult: criterionResultSchema.optional(),
    comment: z.string().trim().min(1, 'объясните, почему вы не согласны с оценкой').max(4000, 'комментарий — не длиннее 4000 символов'),
  })
  .openapi('DisputeCreateRequest');

export type DisputeCreateRequest = z.infer<typeof disputeCreateRequestSchema>;

export const disputeAcceptRequestSchema = z
  .strictObject({
    /** For a criterion: the verdict to set, by default the one the manager asked for. */
    result: criterionResultSchema.optional(),
    comment,
  })
  .openapi('DisputeAcceptRequest');

export type DisputeAcceptRequest = z.infer<typeof disputeAcceptRequestSchema>;

export const disputeRejectRequestSchema = z
  .strictObject({ comment: z.string().trim().min(1, 'объясните менеджеру, почему оценка остаётся').max(4000, 'комментарий — не длиннее 4000 символов') })
  .openapi('DisputeRejectRequest');

export type DisputeRejectRequest = z.infer<typeof disputeRejectRequestSchema>;

export const disputeListQuerySchema = z.object({
  status: listQuery(disputeStatusSchema).openapi({ param: { name: 'status', in: 'query', style: 'form', explode: true }, type: 'array', items: { type: 'string' } }),
  callId: z.string().max(300).optional(),
  managerId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export type DisputeListQuery = z.infer<typeof disputeListQuerySchema>;

export const disputeListResponseSchema = z.object({ items: z.array(disputeSchema) }).openapi('DisputeList');

export type DisputeListResponse = z.infer<typeof disputeListResponseSchema>;

export const disputeIdParamSchema = z.object({
  disputeId: z.coerce.number().int().positive().openapi({ param: { name: 'disputeId', in: 'path' }, example: 1 }),
});
