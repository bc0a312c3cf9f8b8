import { z } from '@hono/zod-openapi';

import { jobProgressSchema, jobStateSchema, uploadedCallSchema } from './jobs.schemas.ts';

export const uploadKindSchema = z.enum(['audio', 'transcript']).openapi('UploadKind');

export const acceptedUploadSchema = z
  .object({
    uploadId: z.string(),
    /** The stored name: the sent name without folders and unsafe characters. */
    fileName: z.string(),
    kind: uploadKindSchema,
    sizeBytes: z.number().int(),
    /** The metadata file `NAME.meta.json` that came with the file, if any. */
    metadataFile: z.string().nullable(),
    jobId: z.string().nullable(),
    /** False when the same content was uploaded before and is queued, running or analysed. */
    queued: z.boolean(),
  })
  .openapi('AcceptedUpload');

export const uploadReceiptSchema = z
  .object({
    uploads: z.array(acceptedUploadSchema),
    /** Files not accepted, with a Russian reason: a metadata file without its call file. */
    rejected: z.array(z.object({ fileName: z.string(), message: z.string() })),
  })
  .openapi('UploadReceipt');

export type UploadReceiptResponse = z.infer<typeof uploadReceiptSchema>;

export const uploadStatusSchema = z
  .object({
    id: z.string(),
    fileName: z.string(),
    kind: uploadKindSchema,
    sizeBytes: z.number().int(),
    metadataFile: z.string().nullable(),
    state: z.enum(['queued', 'processing', 'done', 'failed', 'cancelled']),
    /** Id of the user who uploaded the file. */
    uploadedBy: z.string().nullable(),
    /** That user's display name; null when the file came from no user or the user was deleted. */
    uploadedByName: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    job: z
      .object({ id: z.string(), state: jobStateSchema, progress: jobProgressSchema, attempts: z.number().int(), maxAttempts: z.number().int() })
      .nullable(),
    result: z
      .object({
        format: z.string(),
        calls: z.array(uploadedCallSchema),
        callsCreated: z.number().int(),
        callsUpdated: z.number().int(),
        warnings: z.array(z.string()),
      })
      .nullable(),
    /** Russian: why the file was not analysed. */
    error: z.string().nullable(),
  })
  .openapi('UploadStatus');

export type UploadStatusResponse = z.infer<typeof uploadStatusSchema>;

export const uploadListSchema = z.object({ items: z.array(uploadStatusSchema) }).openapi('UploadList');

export const uploadListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Only the signed-in user's uploads. */
  mine: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});

export const uploadIdParamSchema = z.object({
  uploadId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'uploadId', in: 'path' }, example: '7d9a1c2e-3b4f-4a5b-8c6d-9e0f1a2b3c4d' }),
});

/**
 * The multipart body of an upload, for the OpenAPI document only: a zod schema here would make the
 * router parse the whole body into memory before the handler streams it to disk.
 */
export const uploadRequestBody = {
  required: true,
  content: {
    'multipart/form-data': {
      schema: {
        type: 'object' as const,
        properties: {
          files: {
            type: 'array' as const,
            items: { type: 'string' as const, format: 'binary' },
            description: 'Записи звонков и расшифровки; файл данных звонка NAME.meta.json — рядом со своим файлом.',
          },
        },
        required: ['files'],
      },
    },
  },
};
