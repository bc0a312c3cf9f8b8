import type { IntegrationStatusView } from '../../api/integrations.api.ts';

/** The speech recognition problem that keeps uploaded recordings from being transcribed, or null when there is none. */
export type SpeechProblem = 'no-model' | 'not-configured' | null;

/**
 * Finds from the integration status whether recordings can be transcribed: a local engine needs its
 * model, and an engine whose settings do not load is not configured. A cloud engine counts as ready,
 * because the status does not check its keys.
 */
export function speechProblem(asr: IntegrationStatusView['asr']): SpeechProblem {
  if (asr.modelFound === false) {
    return 'no-model';
  }
  return asr.modelFound === null && !asr.local && asr.problem !== null ? 'not-configured' : null;
}
