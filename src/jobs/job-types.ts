import { z } from '../lib/zod-russian.ts';

/**
 * Every job okk runs in the background, by name: the payload schema (payloads are checked when a
 * worker takes a job, because a stored job may predate the code that runs it) and the result type.
 * A new job kind is added here and gets its one handler in `handlers/index.ts`; the compiler asks for
 * the handler.
 */
export const JOB_PAYLOAD_SCHEMAS = {
  'analyze-upload': z.object({
    uploadId: z.string().min(1),
  }),
  'reevaluate-calls': z.object({
    checklistId: z.string().min(1),
    checklistVersion: z.number().int().positive(),
    /** Calls that started at or after this ISO date or time; a bare date is midnight in the configured zone. */
    since: z.string().min(1),
    managerId: z.number().int().positive().nullable(),
    teamId: z.number().int().positive().nullable(),
  }),
  'follow-through': z.object({
    /** The moment deadlines are judged at, ISO 8601; null is when the job runs. */
    now: z.string().min(1).nullable(),
  }),
  'send-alerts': z.object({
    /** Calls to check against the alert rules; empty only sends what is due. */
    callIds: z.array(z.string().min(1)).max(10_000).default([]),
    /** Also checks calls whose evaluation was saved at or after this ISO time (the follow-through check's changes). */
    evaluatedSince: z.string().min(1).nullable().default(null),
  }),
  'rebuild-search-index': z.object({}),
};

export type JobName = keyof typeof JOB_PAYLOAD_SCHEMAS;

export type JobPayload<N extends JobName> = z.infer<(typeof JOB_PAYLOAD_SCHEMAS)[N]>;

export interface JobResults {
  'analyze-upload': AnalyzeUploadResult;
  'reevaluate-calls': ReevaluateCallsResult;
  'follow-through': FollowThroughResult;
  'send-alerts': SendAlertsResult;
  'rebuild-search-index': RebuildSearchIndexResult;
}

export type JobResult<N extends JobName> = JobResults[N];

export const JOB_NAMES = Object.keys(JOB_PAYLOAD_SCHEMAS) as JobName[];

/** A job to enqueue: its name and the payload of that name. */
export type JobRequest = { [N in JobName]: { name: N; payload: JobPayload<N> } }[JobName];

export function isJobName(value: string): value is JobName {
  return Object.hasOwn(JOB_PAYLOAD_SCHEMAS, value);
}

/** A call produced by an uploaded file; `created` is false when the call was already stored before the upload. */
export interface UploadedCall {
  id: string;
  created: boolean;
}

export type AnalyzeUploadResult =
  | { ok: true; format: string; calls: UploadedCall[]; warnings: string[] }
  | { ok: false; message: string };

export interface ReevaluateCallsResult {
  /** Calls that matched the payload's filter when the job started. */
  total: number;
  /** Calls given a new current evaluation; the others already had this one, so nothing was saved for them. */
  reevaluated: number;
  /** Calls whose score changed, as lists show it: with reviewers' decisions applied. */
  scoreChanged: number;
  /** Calls whose score stayed the same while a criterion verdict or a finding changed. */
  verdictsChanged: number;
  /** Calls whose score, criterion verdicts and findings all stayed the same. */
  unchanged: number;
  /** Calls that could not be re-evaluated, with a Russian message; the first 100 are listed. */
  failures: { callId: string; message: string }[];
  failureCount: number;
}

/** Result of a follow-through check: promises and missed calls by outcome, and calls re-scored. */
export interface FollowThroughResult {
  promises: { kept: number; broken: number; pending: number; unverified: number; skipped: number };
  missedCalls: { episodes: number; calledBack: number; late: number; noCallback: number; pending: number };
  /** Results that differ from the previous check. */
  changed: { promises: number; missedCalls: number };
  evaluationsUpdated: number;
  /** Call-log records newly linked to analysed calls. */
  linked: number;
}

/** Result of an alert pass: calls checked against the rules, then messages sent. */
export interface SendAlertsResult {
  checked: number;
  /** Calls that meet a rule within the same-day window. */
  alerted: number;
  /** Calls that meet a rule but are older than the window, so were not alerted. */
  tooOld: number;
  /** New deliveries stored; those stored by an earlier pass are not counted. */
  planned: number;
  messages: number;
  sent: number;
  retrying: number;
  failed: number;
}

/** Result of a search index rebuild: calls whose documents were written again, none when it was ready. */
export interface RebuildSearchIndexResult {
  rebuilt: number;
}
