import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { corpusPath } from '../../../test/corpus.ts';
import { loadDefaultChecklist } from '../../checklists/checklist-loader.ts';
import { evaluateCall } from '../../core/evaluation/evaluate-call.ts';
import type { CallPromise, Evaluation } from '../../core/model/evaluation.ts';
import type { Transcript } from '../../core/model/transcript.ts';
import { buildSearchText, type Database } from '../../data/index.ts';
import { loadRealCalls } from '../../data/testing/test-calls.ts';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../../data/testing/test-databases.ts';
import type { CallLogRecord } from '../../importers/call-log/index.ts';
import { createLogger } from '../../lib/logger.ts';
import { loadMorphology } from '../../text/az-morphology.ts';
import { defaultFollowThroughSettings } from './follow-through-config.ts';
import { runFollowThrough } from './follow-through.service.ts';

interface LabelledCall {
  id: string;
  promises?: { quote: string; action: string; due: string | null }[];
}

const logger = createLogger({ level: 'silent' });
const settings = defaultFollowThroughSettings('Europe/Moscow');
/** Friday 16:30 Moscow time: «завтра» is a Saturday and «в понедельник» three days on. */
const FRIDAY = '2026-03-06T16:30:00+03:00';
const NOW = '2026-03-12T12:00:00+03:00';

/**
 * Real calls with labelled promises, each given a start time and a client phone, and what the call log
 * built around them shows: kept or broken by the due time.
 */
const CASES = [
  { id: '900004521', due: 'в течение часа', dueAt: '2026-03-06T14:30:00.000Z', expected: 'kept' },
  { id: '800002224', due: 'завтра', dueAt: '2026-03-07T15:00:00.000Z', expected: 'broken' },
  { id: '800006394', due: 'в понедельник', dueAt: '2026-03-09T15:00:00.000Z', expected: 'kept' },
  { id: '800000556', due: 'во вторник', dueAt: '2026-03-10T15:00:00.000Z', expected: 'kept' },
  { id: '800002502', due: null, dueAt: '2026-03-09T11:30:00.000Z', expected: 'broken' },
  { id: '800005699', due: 'завтра', dueAt: '2026-03-07T15:00:00.000Z', expected: 'broken' },
  { id: '900003836', due: 'в ближайшее время', dueAt: '2026-03-09T11:30:00.000Z', expected: 'kept' },
] as const;

const TEAMMATE_CALL = '900000274';
/** A short call built here, because no labelled real call promises «завтра до обеда». */
const LUNCH_CALL = 'built-lunch';
const LUNCH_PHONE = '+79165550000';

function phoneOf(id: string): string {
  return `+7916${id.slice(-7)}`;
}

function logRecord(overrides: Partial<CallLogRecord> & Pick<CallLogRecord, 'startedAt' | 'direction' | 'manager' | 'clientPhone'>): CallLogRecord {
  return {
    externalId: null,
    managerExtension: null,
    answered: true,
    status: 'answered',
    waitSec: 3,
    durationSec: 60,
    talkSec: 55,
    recordingUrl: null,
    recordingFile: null,
    source: 'generic',
    sourceStatus: null,
    row: 0,
    ...overrides,
  };
}

function labelledPromises(): Map<string, NonNullable<LabelledCall['promises']>> {
  const labels = ['real-isp-part1.labels.json', 'real-isp-part2.labels.json'].flatMap(
    (file) => JSON.parse(readFileSync(corpusPath('labels', file), 'utf8')) as LabelledCall[],
  );
  return new Map(labels.map((label) => [label.id, label.promises ?? []]));
}

/**
 * Finds the okk promise that shares three words in a row with the labelled quote. When the manager
 * restated the promise and okk quotes the restatement, it is the call's only promise of that action.
 */
function matchingPromise(promises: readonly CallPromise[], label: { quote: string; action: string } | undefined): CallPromise | undefined {
  if (label === undefined) return undefined;
  const words = label.quote.split(' ');
  const triples = words.slice(0, -2).map((_, index) => words.slice(index, index + 3).join(' '));
  const byQuote = promises.find((promise) => triples.some((triple) => promise.quote.includes(triple)));
  const sameAction = promises.filter((promise) => promise.action === label.action);
  return byQuote ?? (sameAction.length === 1 ? sameAction[0] : undefined);
}

describe.each(DATABASE_KINDS)('follow-through of real promises on %s', (kind) => {
  let test: TestDatabase;
  let database: Database;
  const evaluations = new Map<string, Evaluation>();

  beforeAll(async () => {
    test = await openTestDatabase(kind, { timeZone: 'Europe/Moscow' });
    database = test.database;
    const morphology = await loadMorphology();
    const checklist = await database.checklists.saveChecklist(await loadDefaultChecklist());
    const wanted = new Set<string>([...CASES.map((entry) => entry.id), TEAMMATE_CALL]);
    const transcripts: Transcript[] = loadRealCalls().filter((call) => wanted.has(call.call.externalId ?? ''));
    for (const transcript of transcripts) {
      const id = transcript.call.externalId ?? '';
      transcript.call.startedAt = FRIDAY;
      transcript.call.client = id === TEAMMATE_CALL ? null : { name: null, phone: phoneOf(id) };
      const evaluation = evaluateCall(transcript, checklist, { morphology, timeZone: 'Europe/Moscow' });
      await database.calls.saveTranscript(transcript, { searchText: buildSearchText(transcript.turns, morphology) });
      await database.evaluations.saveEvaluation(evaluation);
      evaluations.set(id, evaluation);
    }
    const lunch = lunchTranscript();
    const lunchEvaluation = evaluateCall(lunch, checklist, { morphology, timeZone: 'Europe/Moscow' });
    await database.calls.saveTranscript(lunch, { searchText: buildSearchText(lunch.turns, morphology) });
    await database.evaluations.saveEvaluation(lunchEvaluation);
    evaluations.set(LUNCH_CALL, lunchEvaluation);
    await database.callLogs.saveRecords([
      ...buildCallLog(transcripts).map((record) => ({ record, fileName: 'log.csv', managerName: record.manager, queueTeam: null })),
      ...missedCallLog().map((record) => ({ record, fileName: 'log.csv', managerName: record.manager, queueTeam: record.manager === null ? 'Отдел продаж' : null })),
    ]);
    await database.outcomes.saveCrmEvents(
      [
        { occurredAt: '2026-03-02T09:00:00+03:00', type: 'email', clientPhone: '+79160000001', clientId: null, manager: null, description: null, row: 2 },
        { occurredAt: '2026-03-09T11:00:00+03:00', type: 'task', clientPhone: phoneOf('800006394'), clientId: null, manager: 'Кириллова Маргарита Дмитриевна', description: 'Заявка решена', row: 3 },
        { occurredAt: '2026-03-11T18:00:00+03:00', type: 'email', clientPhone: '+79160000001', clientId: null, manager: null, description: null, row: 4 },
      ],
      'events.csv',
    );
  });
  afterAll(async () => {
    await test.cleanup();
  });

  function lunchTranscript(): Transcript {
    const turn = (index: number, role: 'manager' | 'client', text: string) => ({ index, role, channel: null, speaker: null, startSec: index * 6, endSec: index * 6 + 5, text, confidence: null, flags: [], overlapsTurn: null });
    return {
      call: {
        id: LUNCH_CALL,
        externalId: null,
        source: 'built/lunch.txt',
        startedAt: FRIDAY,
        durationSec: 40,
        direction: 'inbound',
        manager: { name: 'Соколов Андрей Игоревич', team: 'ОКЦ', supervisor: null, position: null },
        client: { name: null, phone: LUNCH_PHONE },
      },
      turns: [
        turn(0, 'manager', 'Добрый день, компания Связь, меня зовут Андрей.'),
        turn(1, 'client', 'Здравствуйте, хочу узнать про подключение интернета в частный дом.'),
        turn(2, 'manager', 'Я уточню у техников и перезвоню вам завтра до обеда.'),
        turn(3, 'client', 'Хорошо, жду.'),
      ],
      roles: { method: 'labels', confidence: 1 },
      format: 'labeled-text',
      warnings: [],
    };
  }

  /** Two calls missed at 18:50 on a Friday: one called back at 9:03 on Monday, one never. */
  function missedCallLog(): CallLogRecord[] {
    return [
      logRecord({ startedAt: '2026-03-06T18:50:00+03:00', direction: 'inbound', manager: null, clientPhone: '+79167770001', answered: false, status: 'missed', talkSec: 0 }),
      logRecord({ startedAt: '2026-03-09T09:03:00+03:00', direction: 'outbound', manager: 'Соколов Андрей Игоревич', clientPhone: '+79167770001', answered: false, status: 'no_answer', talkSec: 0 }),
      logRecord({ startedAt: '2026-03-06T18:52:00+03:00', direction: 'inbound', manager: null, clientPhone: '+79167770002', answered: false, status: 'missed', talkSec: 0 }),
      logRecord({ startedAt: '2026-03-06T18:53:00+03:00', direction: 'inbound', manager: null, clientPhone: '+79167770002', answered: true, status: 'answered', talkSec: 2 }),
    ];
  }

  function buildCallLog(transcripts: readonly Transcript[]): CallLogRecord[] {
    const byId = new Map(transcripts.map((transcript) => [transcript.call.externalId ?? '', transcript]));
    const managerOf = (id: string) => byId.get(id)?.call.manager?.name ?? null;
    const records: CallLogRecord[] = [
      // The log covers the week before and after the calls.
      logRecord({ startedAt: '2026-03-02T09:00:00+03:00', direction: 'inbound', manager: null, clientPhone: '+79160000001' }),
      logRecord({ startedAt: '2026-03-11T18:00:00+03:00', direction: 'inbound', manager: null, clientPhone: '+79160000001' }),
    ];
    // Each analysed call is in the log too, and must not count as its own follow-up.
    for (const [id, transcript] of byId) {
      if (id === TEAMMATE_CALL) continue;
      records.push(logRecord({
        startedAt: FRIDAY,
        direction: transcript.call.direction ?? 'inbound',
        manager: managerOf(id),
        clientPhone: phoneOf(id),
        talkSec: transcript.call.durationSec,
        durationSec: (transcript.call.durationSec ?? 0) + 5,
      }));
    }
    records.push(
      logRecord({ startedAt: '2026-03-06T17:10:00+03:00', direction: 'outbound', manager: managerOf('900004521'), clientPhone: phoneOf('900004521') }),
      logRecord({ startedAt: '2026-03-09T10:00:00+03:00', direction: 'outbound', manager: managerOf('800002224'), clientPhone: phoneOf('800002224') }),
      logRecord({ startedAt: '2026-03-10T12:00:00+03:00', direction: 'inbound', manager: managerOf('800000556'), clientPhone: phoneOf('800000556') }),
      logRecord({ startedAt: '2026-03-07T11:00:00+03:00', direction: 'outbound', manager: managerOf('800000556'), clientPhone: phoneOf('800005699') }),
      logRecord({ startedAt: '2026-03-09T10:00:00+03:00', direction: 'outbound', manager: managerOf(TEAMMATE_CALL), clientPhone: phoneOf('900003836'), answered: false, status: 'no_answer', talkSec: 0 }),
    );
    return records;
  }

  it('extracts the labelled promises with due times resolved from the call start', () => {
    const labels = labelledPromises();
    for (const entry of CASES) {
      const label = (labels.get(entry.id) ?? []).find((promise) => promise.action === 'callback' || promise.action === 'other');
      expect(label, entry.id).toBeDefined();
      const promise = matchingPromise(evaluations.get(entry.id)?.promises ?? [], label);
      expect(promise, `${entry.id}: ${label?.quote ?? ''}`).toBeDefined();
      if (entry.due !== null) expect(promise?.dueText, entry.id).toBe(entry.due);
    }
  });

  it('judges each promise kept or broken by the call log and CRM events', async () => {
    const run = await runFollowThrough(database, settings, new Date(NOW).toISOString(), logger);
    expect(run.links.linked.time).toBe(CASES.length);
    const checks = await database.followThrough.listPromiseChecks();
    const labels = labelledPromises();
    for (const entry of CASES) {
      const label = (labels.get(entry.id) ?? []).find((promise) => promise.action === 'callback' || promise.action === 'other');
      const promise = matchingPromise(evaluations.get(entry.id)?.promises ?? [], label);
      const check = checks.find((candidate) => candidate.callId === `real-isp-${entry.id}` && candidate.quote === promise?.quote);
      expect(check?.outcome, entry.id).toBe(entry.expected);
      expect(check?.dueAt, entry.id).toBe(entry.dueAt);
    }
    const late = checks.find((check) => check.callId === 'real-isp-800002224' && check.outcome === 'broken');
    expect(late?.lateFollowUpAt).toBe('2026-03-09T07:00:00.000Z');
    const kept = checks.find((check) => check.callId === 'real-isp-900004521' && check.outcome === 'kept');
    expect(kept?.evidence).toMatchObject({ kind: 'call_log', at: '2026-03-06T14:10:00.000Z' });
  });

  it('adds promise_not_kept to a new current evaluation and keeps the history', async () => {
    const stored = await database.calls.getCall('real-isp-800002224');
    const findings = stored?.evaluation?.findings.filter((finding) => finding.kind === 'promise_not_kept') ?? [];
    expect(findings).toHaveLength(1);
    expect(findings[0]?.quote).toBe('вас все давайте тогда завтра перезвоню либо ну вас переоформим');
    expect(findings[0]?.explanation).toContain('срок «завтра», до 07.03.2026 18:00');
    expect(findings[0]?.explanation).toContain('09.03.2026 10:00');
    expect(findings[0]?.severity).toBe('critical');
    const original = evaluations.get('800002224');
    expect(stored?.evaluation?.score).toBeLessThan(original?.score ?? 0);
    expect(await database.evaluations.listHistory('real-isp-800002224')).toHaveLength(2);

    const keptCall = await database.calls.getCall('real-isp-900004521');
    expect(keptCall?.evaluation?.findings.some((finding) => finding.kind === 'promise_not_kept')).toBe(false);
    expect(await database.evaluations.listHistory('real-isp-900004521')).toHaveLength(1);
  });

  it('resolves «завтра до обеда» to Saturday lunch', async () => {
    const [promise] = evaluations.get(LUNCH_CALL)?.promises ?? [];
    expect(promise?.dueText).toBe('завтра до обеда');
    expect(promise?.due).toBe('2026-03-07T13:00:00+03:00');
    const check = (await database.followThrough.listPromiseChecks({ callId: LUNCH_CALL }))[0];
    expect(check?.outcome).toBe('broken');
    expect((await database.calls.getCall(LUNCH_CALL))?.evaluation?.findings.map((finding) => finding.kind)).toContain('promise_not_kept');
  });

  it('checks calls missed on Friday evening against Monday morning', async () => {
    const missed = await database.followThrough.listMissedCalls();
    const calledBack = missed.find((call) => call.clientPhone === '+79167770001');
    expect(calledBack).toMatchObject({ outcome: 'called_back', dueAt: '2026-03-09T06:05:00.000Z', attempts: 1 });
    expect(calledBack?.callbackWorkingSec).toBe(13 * 60);
    const forgotten = missed.find((call) => call.clientPhone === '+79167770002');
    expect(forgotten).toMatchObject({ outcome: 'no_callback', attempts: 2, managerId: null });
    expect(forgotten?.teamId).not.toBeNull();
  });

  it('marks the promises kept or broken in the promises table', async () => {
    const broken = await database.evaluations.listPromisesDue('broken', '2030-01-01T00:00:00Z');
    expect(broken.map((promise) => promise.callId)).toContain('real-isp-800002224');
    const kept = await database.evaluations.listPromisesDue('kept', '2030-01-01T00:00:00Z');
    expect(kept.map((promise) => promise.callId)).toContain('real-isp-900004521');
  });

  it('changes nothing when run a second time', async () => {
    const before = await database.followThrough.listPromiseChecks();
    const run = await runFollowThrough(database, settings, new Date(NOW).toISOString(), logger);
    expect(run.changed).toEqual({ promises: 0, missedCalls: 0 });
    expect(run.evaluationsUpdated).toBe(0);
    expect(run.links.linked).toEqual({ external_id: 0, recording: 0, time: 0 });
    expect(await database.followThrough.listPromiseChecks()).toEqual(before);
    expect(await database.evaluations.listHistory('real-isp-800002224')).toHaveLength(2);
  });

  it('leaves a promise pending before its due time', async () => {
    const run = await runFollowThrough(database, settings, new Date('2026-03-06T17:00:00+03:00').toISOString(), logger);
    expect(run.promises.pending).toBeGreaterThan(0);
    const check = (await database.followThrough.listPromiseChecks()).find((candidate) => candidate.callId === 'real-isp-800002224' && candidate.action === 'callback');
    expect(check?.outcome).toBe('pending');
    const stored = await database.calls.getCall('real-isp-800002224');
    expect(stored?.evaluation?.findings.some((finding) => finding.kind === 'promise_not_kept')).toBe(false);
    expect(await database.evaluations.listHistory('real-isp-800002224')).toHaveLength(3);
  });
});
