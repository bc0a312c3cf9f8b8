import { z } from '@hono/zod-openapi';

import { JOB_NAMES } from '../../jobs/job-types.ts';

export const jobStateSchema = z
  .enum(['queued', 'running', 'retrying', 'completed', 'failed', 'cancelled'])
  .openapi('JobState', { description: '`retrying`: попытка не удалась, задача ждёт следующей; `failed`: все попытки не удались.' });

export const jobProgressSchema = z
  .object({
    done: z.number().int(),
    /** Units of work in all, null while unknown. */
    total: z.number().int().nullable(),
    /** Russian status line: what the job is doing now. */
    message: z.string().nullable(),
  })
  .openapi('JobProgress');

export const uploadedCallSchema = z
  .object({
    id: z.string(),
    /** False when the call was already stored before this upload: it was updated. */
    created: z.boolean(),
  })
  .openapi('UploadedCall');

export const analyzeUploadResultSchema = z
  .union([
    z.object({ ok: z.literal(true), format: z.string(), calls: z.array(uploadedCallSchema), warnings: z.array(z.string()) }),
    z.object({ ok: z.literal(false), message: z.string() }),
  ])
  .openapi('AnalyzeUploadResult');

export const reevaluateCallsResultSchema = z
  .object({
    total: z.number().int(),
    /** Calls given a new current evaluation; the others already had it. */
    reevaluated: z.number().int(),
    /** Calls whose score changed, with reviewers' decisions applied. */
    scoreChanged: z.number().int(),
    /** Calls whose score stayed the same while a criterion verdict or a finding changed. */
    verdictsChanged: z.number().int(),
    /** Calls whose score, criterion verdicts and findings stayed the same. */
    unchanged: z.number().int(),
    /** The first 100 calls that could not be re-evaluated. */
    failures: z.array(z.object({ callId: z.string(), message: z.string() })),
    failureCount: z.number().int(),
  })
  .openapi('ReevaluateCallsResult');

export const jobSchema = z
  .object({
    id: z.string(),
    name: z.enum(JOB_NAMES as [string, ...string[]]).openapi({ example: 'analyze-upload' }),
    state: jobStateSchema,
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    progress: jobProgressSchema,
    result: z.unknown().openapi({
      description: 'Итог выполненной задачи, по name: AnalyzeUploadResult для analyze-upload, ReevaluateCallsResult для reevaluate-calls; null до завершения.',
    }),
    /** Russian message of the last failed attempt. */
    error: z.string().nullable(),
    requestedBy: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .openapi('Job');

export type JobResponse = z.infer<typeof jobSchema>;

export const jobIdParamSchema = z.object({
  jobId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'jobId', in: 'path' }, example: '3f1c2a9e-5b7d-4e8a-9c1f-2d3e4f5a6b7c' }),
});
