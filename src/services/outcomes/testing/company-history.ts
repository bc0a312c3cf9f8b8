import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

import { scoreCall } from '../../../core/evaluation/score.ts';
import { CRITERION_IDS, type CriterionId } from '../../../core/model/checklist.ts';
import type { CriterionVerdict, Evaluation, Finding, FindingKind } from '../../../core/model/evaluation.ts';
import type { Transcript } from '../../../core/model/transcript.ts';
import type { CallLogRecord } from '../../../importers/call-log/index.ts';
import type { Deal, NpsAnswer } from '../../../importers/outcomes/index.ts';

/** Effects planted in a generated history; zero everywhere gives a history where nothing drives anything. */
export interface PlantedEffects {
  /** Chance of a detractor answer for a client with a `question_ignored` call in the month before, against `baseDetractor`. */
  detractorWithIgnoredQuestion: number;
  baseDetractor: number;
  /** Chance of a repeat purchase after a call whose promise was broken, against `basePurchase`. */
  purchaseAfterBrokenPromise: number;
  basePurchase: number;
  /** Chance of `question_ignored` in a call before and after the ОКК started. */
  ignoredQuestionBefore: number;
  ignoredQuestionAfter: number;
}

export const PLANTED: PlantedEffects = {
  detractorWithIgnoredQuestion: 0.65,
  baseDetractor: 0.15,
  purchaseAfterBrokenPromise: 0.2,
  basePurchase: 0.6,
  ignoredQuestionBefore: 0.7,
  ignoredQuestionAfter: 0.1,
};

export const NOTHING_PLANTED: PlantedEffects = {
  detractorWithIgnoredQuestion: 0.3,
  baseDetractor: 0.3,
  purchaseAfterBrokenPromise: 0.5,
  basePurchase: 0.5,
  ignoredQuestionBefore: 0.3,
  ignoredQuestionAfter: 0.3,
};

export interface CompanyHistory {
  transcripts: Transcript[];
  evaluations: Evaluation[];
  callLog: CallLogRecord[];
  answers: NpsAnswer[];
  deals: Deal[];
  /** When the ОКК started: 45 days into the calls' period, so that about as many answers come before it as after. */
  since: string;
  /** A moment after every due time and purchase window. */
  now: string;
}

const START = Date.parse('2026-01-05T00:00:00+03:00');
const DAY = 86_400_000;
const CALL_DAYS = 120;
const SINCE_DAY = 45;
const MANAGERS = [
  { name: 'Алексеева Мария', team: 'Продажи' },
  { name: 'Борисов Кирилл', team: 'Продажи' },
  { name: 'Васильева Ольга', team: 'Продажи' },
  { name: 'Григорьев Павел', team: 'Продажи' },
  { name: 'Денисова Анна', team: 'Сервис' },
  { name: 'Егоров Илья', team: 'Сервис' },
  { name: 'Жукова Светлана', team: 'Сервис' },
  { name: 'Зайцев Роман', team: 'Сервис' },
];
/** Findings other than the planted one, each with its chance per call, independent of every outcome. */
const NOISE_FINDINGS: [FindingKind, number][] = [
  ['template_answer', 0.25],
  ['needs_not_discovered', 0.3],
  ['interruption', 0.2],
  ['irritation', 0.08],
];
const FAILED_CRITERIA: [CriterionId, number][] = [
  ['client_name', 0.5],
  ['summary', 0.4],
  ['farewell', 0.2],
  ['needs', 0.25],
];

/**
 * Generates a company's history with a fixed seed: clients calling sales managers over four months,
 * callback promises kept or broken in the call log, NPS answers and repeat purchases, with the given
 * effects planted. The evaluations are built directly, not by the engine, so the findings are exactly
 * the ones planted.
 */
export function generateCompanyHistory(seed: number, effects: PlantedEffects, clients = 600): CompanyHistory {
  const rng = xoroshiro128plus(seed);
  const chance = (p: number) => uniformFloat64(rng) < p;
  const pick = (from: number, to: number) => uniformInt(rng, from, to);
  const since = new Date(START + SINCE_DAY * DAY).toISOString();
  const history: CompanyHistory = { transcripts: [], evaluations: [], callLog: [], answers: [], deals: [], since, now: new Date(START + (CALL_DAYS + 120) * DAY).toISOString() };

  for (let client = 0; client < clients; client += 1) {
    const phone = `+7900${String(10_000_000 + client).slice(1)}`;
    const calls = pick(1, 3);
    let lastCall = 0;
    let ignoredInMonth: number[] = [];
    for (let index = 0; index < calls; index += 1) {
      const day = pick(0, CALL_DAYS - 1);
      const startedAt = workingMoment(START + day * DAY, pick);
      const manager = MANAGERS[pick(0, MANAGERS.length - 1)] ?? MANAGERS[0];
      const id = `gen-${seed}-${client}-${index}`;
      const before = Date.parse(since) > startedAt;
      const ignored = chance(before ? effects.ignoredQuestionBefore : effects.ignoredQuestionAfter);
      if (ignored) ignoredInMonth.push(startedAt);
      const promise = chance(0.5);
      const kept = promise && chance(0.65);

      const transcript = transcriptOf(id, startedAt, manager ?? { name: '', team: '' }, phone);
      history.transcripts.push(transcript);
      history.evaluations.push(evaluationOf(transcript, ignored, promise, startedAt, chance));
      history.callLog.push(logRecord(id, startedAt, manager?.name ?? null, phone, 'inbound', 240));
      if (kept) {
        history.callLog.push(logRecord(`${id}-callback`, startedAt + pick(2, 20) * 3_600_000, manager?.name ?? null, phone, 'outbound', 90));
      }
      const bought = chance(promise && !kept ? effects.purchaseAfterBrokenPromise : effects.basePurchase);
      if (bought) {
        history.deals.push(dealOf(`${id}-deal`, startedAt + pick(5, 80) * DAY, phone, manager?.name ?? null));
      }
      lastCall = Math.max(lastCall, startedAt);
    }
    if (chance(0.85)) {
      const answeredAt = lastCall + pick(2, 10) * DAY;
      ignoredInMonth = ignoredInMonth.filter((at) => at >= answeredAt - 30 * DAY);
      // NOTE: the planted cause is any call of the month, while the analysis reads the last call only.
      const detractor = chance(ignoredInMonth.length > 0 ? effects.detractorWithIgnoredQuestion : effects.baseDetractor);
      const score = detractor ? pick(0, 6) : pick(7, 10);
      let category: NpsAnswer['category'] = 'promoter';
      if (score <= 6) category = 'detractor';
      else if (score <= 8) category = 'passive';
      history.answers.push({ score, category, comment: null, answeredAt: new Date(answeredAt).toISOString(), clientPhone: phone, clientId: null, row: client + 2 });
    }
  }
  // A purchase of an unrelated client on the last day shows that deals were imported up to then.
  history.deals.push(dealOf('closing-day', START + (CALL_DAYS + 110) * DAY, '+79009999999', null));
  return history;
}

function workingMoment(day: number, pick: (from: number, to: number) => number): number {
  // A call on a Saturday or Sunday (Moscow time) moves to the Monday.
  const weekday = new Date(day + 3 * 3_600_000).getUTCDay();
  let shift = 0;
  if (weekday === 6) shift = 2;
  if (weekday === 0) shift = 1;
  return day + shift * DAY + pick(9 * 60, 17 * 60) * 60_000;
}

function transcriptOf(id: string, startedAt: number, manager: { name: string; team: string }, phone: string): Transcript {
  const turn = (index: number, role: 'manager' | 'client', text: string) => ({ index, role, channel: null, speaker: null, startSec: index * 5, endSec: index * 5 + 4, text, confidence: null, flags: [], overlapsTurn: null });
  return {
    call: {
      id,
      externalId: null,
      source: `generated/${id}`,
      startedAt: new Date(startedAt).toISOString(),
      durationSec: 240,
      direction: 'inbound',
      manager: { name: manager.name, team: manager.team, supervisor: null, position: null },
      client: { name: null, phone },
    },
    turns: [
      turn(0, 'manager', 'Добрый день, компания «Окна», слушаю вас.'),
      turn(1, 'client', 'А сколько стоит установка и когда можно приехать?'),
      turn(2, 'manager', 'Я уточню и перезвоню вам завтра до обеда.'),
    ],
    roles: { method: 'labels', confidence: 1 },
    format: 'labeled-text',
    warnings: [],
  };
}

function evaluationOf(transcript: Transcript, ignored: boolean, promise: boolean, startedAt: number, chance: (p: number) => boolean): Evaluation {
  const failed = new Set(FAILED_CRITERIA.filter(([, p]) => chance(p)).map(([id]) => id));
  const criteria: CriterionVerdict[] = CRITERION_IDS.map((id) => ({ id, title: id, weight: 10, critical: false, result: failed.has(id) ? 'failed' : 'passed', explanation: '', evidence: [] }));
  const kinds = [...(ignored ? (['question_ignored'] as FindingKind[]) : []), ...NOISE_FINDINGS.filter(([, p]) => chance(p)).map(([kind]) => kind)];
  const findings: Finding[] = kinds.map((kind) => ({ kind, severity: 'major', turn: 1, startSec: 5, quote: transcript.turns[1]?.text ?? '', explanation: '', recommendation: '', evidence: [] }));
  const lunchNextDay = new Date(startedAt + DAY);
  lunchNextDay.setUTCHours(10, 0, 0, 0);
  return {
    call: transcript.call,
    checklist: { id: 'sales-default', version: 1 },
    score: scoreCall(criteria, findings, { longHoldSec: 60, minWordsPerMinute: 0, criticalCap: 40 }),
    criteria,
    findings,
    metrics: { turns: 3, managerWords: 12, clientWords: 8, managerTalkShare: 0.6, longestManagerMonologueSec: null, longestManagerMonologueWords: 8, managerQuestions: 0, clientQuestions: 1, interruptions: 0, silenceSec: null, speechRateWpm: null, scriptedTurns: 0 },
    promises: promise
      ? [{ turn: 2, startSec: 10, quote: transcript.turns[2]?.text ?? '', action: 'callback', dueText: 'завтра до обеда', due: lunchNextDay.toISOString() }]
      : [],
    client: { sentimentStart: 'neutral', sentimentEnd: 'neutral' },
    transcript: { complete: true, noSpeech: false, warnings: [] },
  };
}

function logRecord(id: string, startedAt: number, manager: string | null, phone: string, direction: 'inbound' | 'outbound', talkSec: number): CallLogRecord {
  return {
    externalId: id,
    startedAt: new Date(startedAt).toISOString(),
    direction,
    manager,
    managerExtension: null,
    clientPhone: phone,
    answered: true,
    status: 'answered',
    waitSec: 5,
    durationSec: talkSec + 5,
    talkSec,
    recordingUrl: null,
    recordingFile: null,
    source: 'generic',
    sourceStatus: null,
    row: 0,
  };
}

function dealOf(id: string, at: number, phone: string, manager: string | null): Deal {
  return { externalId: id, date: new Date(at).toISOString(), amount: 50_000, currency: 'RUB', clientPhone: phone, clientId: null, status: 'won', sourceStatus: 'Оплачен', manager, row: 0 };
}
