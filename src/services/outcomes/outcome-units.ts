import { CRITERION_IDS } from '../../core/model/checklist.ts';
import { FINDING_KINDS } from '../../core/model/evaluation.ts';
import type { DriverUnit } from '../../core/outcomes/drivers.ts';
import type { ClientCall, Database, MissedCall, StoredDeal, StoredNpsAnswer } from '../../data/index.ts';
import type { OutcomesSettings } from './outcomes-config.ts';

/** Everything the outcome analysis reads, loaded once. */
export interface OutcomeData {
  /** Analysed, evaluated calls tied to clients, with a start time, oldest first. */
  calls: ClientCall[];
  features: Map<string, { findings: string[]; failedCriteria: string[] }>;
  answers: StoredNpsAnswer[];
  deals: StoredDeal[];
  missedCalls: MissedCall[];
}

/** A driver unit with when it happened and whose it is, for trends and per-manager figures. */
export interface TimedUnit extends DriverUnit {
  at: string;
  managerId: number | null;
  teamId: number | null;
}

export interface UnitSet {
  units: TimedUnit[];
  /** Outcomes left out, and why. */
  excluded: { withoutCalls: number; windowOpen: number };
}

/** Every feature the analysis reports, whether or not the data has it. */
export const CANDIDATE_FEATURES: readonly string[] = [...FINDING_KINDS.map((kind) => `finding:${kind}`), ...CRITERION_IDS.map((id) => `criterion:${id}`)];

const DAY_MS = 86_400_000;

export async function loadOutcomeData(database: Database): Promise<OutcomeData> {
  const features = await database.outcomes.listCallFeatures();
  const calls = (await database.clients.listClientCalls()).filter((call) => !call.dateOnly && call.startedAt !== '' && features.has(call.callId));
  return {
    calls,
    features,
    answers: await database.outcomes.listNpsAnswers(),
    deals: await database.outcomes.listDeals(),
    missedCalls: await database.followThrough.listMissedCalls(),
  };
}

/**
 * Builds one unit per NPS answer of a client with an analysed call in the `npsWindowDays` before it. Its
 * features are those of the last such call (the contact the answer most reflects), plus a missed call
 * left without a timely callback in the window; the bad outcome is a detractor (0–6), and the answer
 * is the manager's of that call. Taking every call of the window instead would make any feature more
 * likely for clients who call more, and so tie it to whatever drives those clients' answers.
 */
export function npsUnits(data: OutcomeData, settings: OutcomesSettings): UnitSet {
  const callsByClient = groupBy(data.calls, (call) => call.clientId);
  const missedByClient = groupBy(data.missedCalls, (call) => call.clientId ?? -1);
  const units: TimedUnit[] = [];
  let withoutCalls = 0;
  for (const answer of data.answers) {
    const end = Date.parse(answer.answeredAt);
    const start = end - settings.npsWindowDays * DAY_MS;
    const inWindow = (at: string) => Date.parse(at) <= end && Date.parse(at) >= start;
    const last = answer.clientId === null ? undefined : (callsByClient.get(answer.clientId) ?? []).filter((call) => inWindow(call.startedAt)).at(-1);
    if (last === undefined) {
      withoutCalls += 1;
      continue;
    }
    const features = featuresOf([last], data);
    const missed = (missedByClient.get(answer.clientId ?? -1) ?? []).filter((call) => inWindow(call.missedAt) && (call.outcome === 'no_callback' || call.outcome === 'late'));
    if (missed.length > 0 && !features.has('finding:missed_call_no_callback')) features.set('finding:missed_call_no_callback', []);
    units.push({ id: `nps:${answer.id}`, features, bad: answer.category === 'detractor', value: answer.score, at: answer.answeredAt, managerId: last.managerId, teamId: last.teamId });
  }
  return { units, excluded: { withoutCalls, windowOpen: 0 } };
}

/**
 * Builds one unit per analysed call of a client whose `repeatPurchaseDays` after the call have passed within
 * the imported deals (the window ends before the last deal date and `now`). The bad outcome is no won
 * or status-less deal of that client in the window.
 */
export function purchaseUnits(data: OutcomeData, settings: OutcomesSettings, now: string): UnitSet {
  const dealsByClient = groupBy(
    data.deals.filter((deal) => deal.status === 'won' || deal.status === null),
    (deal) => deal.clientId ?? -1,
  );
  const lastDeal = Math.max(...data.deals.map((deal) => Date.parse(deal.date)));
  const horizon = Math.min(lastDeal, Date.parse(now));
  const units: TimedUnit[] = [];
  let windowOpen = 0;
  for (const call of data.calls) {
    const start = Date.parse(call.startedAt);
    const end = start + settings.repeatPurchaseDays * DAY_MS;
    if (!Number.isFinite(horizon) || end > horizon) {
      windowOpen += 1;
      continue;
    }
    const bought = (dealsByClient.get(call.clientId) ?? []).some((deal) => Date.parse(deal.date) > start && Date.parse(deal.date) <= end);
    units.push({ id: `call:${call.callId}`, features: featuresOf([call], data), bad: !bought, value: null, at: call.startedAt, managerId: call.managerId, teamId: call.teamId });
  }
  return { units, excluded: { withoutCalls: 0, windowOpen } };
}

function featuresOf(calls: readonly ClientCall[], data: OutcomeData): Map<string, string[]> {
  const features = new Map<string, string[]>();
  for (const call of calls) {
    const found = data.features.get(call.callId);
    if (found === undefined) continue;
    const names = [...found.findings.map((kind) => `finding:${kind}`), ...found.failedCriteria.map((id) => `criterion:${id}`)];
    for (const name of new Set(names)) {
      const examples = features.get(name) ?? [];
      examples.push(call.callId);
      features.set(name, examples);
    }
  }
  return features;
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key) ?? [];
    list.push(item);
    groups.set(key, list);
  }
  return groups;
}
