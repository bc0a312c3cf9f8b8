import type { AppConfig } from '../../lib/config.ts';
import { z } from '../../lib/zod-russian.ts';

const outcomesSchema = z.object({
  /** Calls of a client this many days before an NPS answer are the ones the answer reflects. */
  npsWindowDays: z.number().positive().default(30),
  /** A call not followed by a won (or status-less) deal within this many days counts as no repeat purchase. */
  repeatPurchaseDays: z.number().positive().default(90),
  /** Fewer units than this on either side of a comparison gives «недостаточно данных». */
  minGroupSize: z.int().min(2).default(10),
  /** Confidence level of the intervals; the driver analysis keeps it for all features together. */
  confidenceLevel: z.number().gt(0.5).lt(1).default(0.95),
  /** Seed and size of the bootstrap of NPS trends: the same data give the same interval. */
  bootstrapSeed: z.int().default(20_240_601),
  bootstrapResamples: z.int().min(100).max(100_000).default(2000),
  /** Example calls listed per driver. */
  maxExamples: z.int().min(0).max(50).default(5),
});

export type OutcomesSettings = z.infer<typeof outcomesSchema>;

/** Reads the `outcomes` section of the settings. */
export function loadOutcomesSettings(config: AppConfig): OutcomesSettings {
  return config.section('outcomes', outcomesSchema);
}

export function defaultOutcomesSettings(): OutcomesSettings {
  return outcomesSchema.parse({});
}
