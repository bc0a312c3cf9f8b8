import type { AppConfig } from '../../lib/config.ts';
import { z } from '../../lib/zod-russian.ts';

/** The `uploads` section of the config file. */
const uploadsSectionSchema = z.object({
  /** Largest file accepted, in megabytes (MiB). */
  maxFileMb: z.number().positive().max(100_000).default(500),
  /** Maximum number of files in one upload request. */
  maxFilesPerRequest: z.number().int().min(1).max(10_000).default(100),
});

export interface UploadLimits {
  maxFileBytes: number;
  maxFiles: number;
}

export function readUploadLimits(config: Pick<AppConfig, 'section'>): UploadLimits {
  const section = config.section('uploads', uploadsSectionSchema);
  return { maxFileBytes: Math.floor(section.maxFileMb * 1024 * 1024), maxFiles: section.maxFilesPerRequest };
}
