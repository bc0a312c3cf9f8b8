import { z } from '@hono/zod-openapi';

import { checklistSchema } from '../../checklists/checklist.schema.ts';
import { dateOrTimeSchema } from './common.schemas.ts';

/**
 * A checklist as stored and as saved. On save, `version` is the version the edit started from: a save
 * based on an older version than the latest is rejected with CONFLICT, so two editors do not overwrite
 * each other.
 */
// The checklist schema is shared with the CLI and is built with plain zod, so it has `.openapi()` only
// when @hono/zod-openapi happened to load first: zod copies methods onto each schema when it is built.
// `.meta({ id })` is zod's own and names the OpenAPI component in any import order.
export const checklistBodySchema = checklistSchema.meta({ id: 'Checklist' });

export type ChecklistBody = z.infer<typeof checklistBodySchema>;

export const checklistVersionSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    title: z.string(),
    createdAt: z.string(),
  })
  .openapi('ChecklistVersion');

export const checklistListResponseSchema = z
  .object({
    /** The latest version of every checklist. */
    items: z.array(checklistVersionSchema.extend({ active: z.boolean() })),
  })
  .openapi('ChecklistList');

export type ChecklistListResponse = z.infer<typeof checklistListResponseSchema>;

export const checklistDetailSchema = z
  .object({
    checklist: checklistBodySchema,
    /** Every version, the newest first. */
    versions: z.array(checklistVersionSchema),
    /** True for the checklist new calls are evaluated with. */
    active: z.boolean(),
  })
  .openapi('ChecklistDetail');

export type ChecklistDetail = z.infer<typeof checklistDetailSchema>;

export const checklistIdParamSchema = z.object({
  checklistId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'идентификатор — латинские буквы в нижнем регистре, цифры, «-» и «_»')
    .max(100)
    .openapi({ param: { name: 'checklistId', in: 'path' }, example: 'sales-default' }),
});

export const checklistVersionParamSchema = checklistIdParamSchema.extend({
  version: z.coerce.number().int().positive().openapi({ param: { name: 'version', in: 'path' }, example: 1 }),
});

export const reevaluationRequestSchema = z
  .strictObject({
    /** Re-evaluate calls that started at or after this date or time. */
    since: dateOrTimeSchema,
    /** Version to evaluate with, the latest by default. */
    version: z.number().int().positive().optional(),
  })
  .openapi('ReevaluationRequest');

export type ReevaluationRequest = z.infer<typeof reevaluationRequestSchema>;

export const reevaluationResponseSchema = z
  .object({
    /** Id of the queued job. */
    jobId: z.string(),
    /** False when the same re-evaluation was already queued or running, and `jobId` is that job. */
    created: z.boolean(),
    checklist: z.object({ id: z.string(), version: z.number().int() }),
    since: z.string(),
  })
  .openapi('Reevaluation');

export type ReevaluationResponse = z.infer<typeof reevaluationResponseSchema>;
