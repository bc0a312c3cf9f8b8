import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CriterionId } from '../core/model/checklist.ts';
import type { FindingKind } from '../core/model/evaluation.ts';
import type { Transcript } from '../core/model/transcript.ts';
import type { Morphology } from '../core/text/morphology.ts';
import { loadMorphology } from '../text/az-morphology.ts';
import { applyFilter } from './call-filter.ts';
import type { CallFilter, CallSort, CallSummary } from './call-list.ts';
import { buildSearchLemmas, buildSearchText } from './call-search.ts';
import type { SearchWord } from './call-search.ts';
import type { Database } from './database.ts';
import { evaluationOf, loadRealCalls, sampleTranscript } from './testing/test-calls.ts';
import { DATABASE_KINDS, openTestDatabase } from './testing/test-databases.ts';
import type { TestDatabase } from './testing/test-databases.ts';

const KINDS: FindingKind[] = ['irritation', 'question_ignored', 'no_solution', 'interruption'];
const CRITERIA: CriterionId[] = ['greeting', 'needs', 'next_step'];

/** What the test stored for each call, to compute the expected result of every query. */
interface Expected {
  id: string;
  seq: number;
  startedAt: string | null;
  managerId: number | null;
  managerKey: string | null;
  teamId: number | null;
  direction: string | null;
  durationSec: number | null;
  score: number | null;
  findings: FindingKind[];
  failed: CriterionId[];
  lemmas: Set<string>;
}

/** Compares two sort values; a missing value sorts as the smallest. */
function compareValues(left: string | number | null, right: string | number | null): number {
  if (left === right) {
    return 0;
  }
  if (left === null) {
    return -1;
  }
  if (right === null) {
    return 1;
  }
  return left < right ? -1 : 1;
}

/** Calls without a start time, manager, duration or score, so every sort meets missing values. */
function sparseCalls(): Transcript[] {
  return [1, 2, 3].map((index) => {
    const transcript = sampleTranscript(`sparse-${index}`, { startedAt: null, manager: null, durationSec: null, direction: null });
    return transcript;
  });
}

describe.each(DATABASE_KINDS)('listCalls on %s', (kind) => {
  let testDatabase: TestDatabase;
  let database: Database;
  let morphology: Morphology;
  let expected: Expected[];

  beforeAll(async () => {
    testDatabase = await openTestDatabase(kind, { timeZone: 'Europe/Moscow' });
    database = testDatabase.database;
    morphology = await loadMorphology();

    const transcripts = [...loadRealCalls(), ...sparseCalls()];
    const searchTexts = new Map(transcripts.map((transcript) => [transcript.call.id, buildSearchText(transcript.turns, morphology)]));
    await database.calls.saveTranscripts(transcripts.map((transcript) => ({ transcript, searchText: searchTexts.get(transcript.call.id) ?? '' })));

    // Every fifth call stays unevaluated; the rest get scores with ties and a pattern of findings.
    const specs = new Map(
      transcripts.map((transcript, index) => [
        transcript.call.id,
        index % 5 === 4
          ? undefined
          : {
              score: index % 7 === 0 ? null : (index * 37) % 101,
              findings: KINDS.filter((_, kindIndex) => (index + kindIndex) % 3 === 0),
              failed: CRITERIA.filter((_, criterionIndex) => (index + criterionIndex) % 4 === 0),
            },
      ]),
    );
    await database.evaluations.saveEvaluations(
      transcripts.flatMap((transcript) => {
        const spec = specs.get(transcript.call.id);
        return spec === undefined ? [] : [evaluationOf(transcript, spec)];
      }),
    );

    const rows = await database.db.selectFrom('calls').select(['id', 'seq', 'started_at', 'manager_id', 'manager_key', 'team_id', 'direction', 'duration_sec']).execute();
    expected = rows.map((row) => {
      const spec = specs.get(row.id);
      return {
        id: row.id,
        seq: row.seq,
        startedAt: row.started_at === null ? null : new Date(row.started_at).toISOString(),
        managerId: row.manager_id,
        managerKey: row.manager_key,
        teamId: row.team_id,
        direction: row.direction,
        durationSec: row.duration_sec,
        score: spec?.score ?? null,
        findings: spec?.findings ?? [],
        failed: spec?.failed ?? [],
        lemmas: new Set((searchTexts.get(row.id) ?? '').split(' ')),
      };
    });
  });

  afterAll(async () => {
    await testDatabase.cleanup();
  });

  async function listAll(filter: CallFilter, sort?: CallSort): Promise<CallSummary[]> {
    const page = await database.calls.listCalls(filter, sort, { limit: 500 });
    expect(page.total).toBe(page.items.length);
    return page.items;
  }

  function idsWhere(predicate: (call: Expected) => boolean): string[] {
    return expected.filter(predicate).map((call) => call.id).sort();
  }

  function hasWord(call: Expected, word: SearchWord): boolean {
    return typeof word === 'string' ? call.lemmas.has(word) : word.some((lemma) => call.lemmas.has(lemma));
  }

  function firstManager(): Expected {
    const call = expected.find((item) => item.managerId !== null && item.teamId !== null);
    if (call === undefined) {
      throw new Error('no call with a manager');
    }
    return call;
  }

  const filterCases: [string, () => CallFilter, (call: Expected) => boolean][] = [
    ['date range', () => ({ startedFrom: '2026-02-10', startedTo: '2026-02-15' }), (call) => call.startedAt !== null && call.startedAt >= '2026-02-09T21:00:00.000Z' && call.startedAt < '2026-02-14T21:00:00.000Z'],
    ['start time with an offset', () => ({ startedFrom: '2026-02-20T00:00:00+03:00' }), (call) => call.startedAt !== null && call.startedAt >= '2026-02-19T21:00:00.000Z'],
    ['manager', () => ({ managerIds: [firstManager().managerId ?? 0] }), (call) => call.managerId === firstManager().managerId],
    ['team', () => ({ teamIds: [firstManager().teamId ?? 0] }), (call) => call.teamId === firstManager().teamId],
    ['direction', () => ({ direction: 'outbound' }), (call) => call.direction === 'outbound'],
    ['score range', () => ({ scoreMin: 20, scoreMax: 60 }), (call) => call.score !== null && call.score >= 20 && call.score <= 60],
    ['lowest scores', () => ({ scoreMax: 30 }), (call) => call.score !== null && call.score <= 30],
    ['finding kind', () => ({ findingKinds: ['irritation'] }), (call) => call.findings.includes('irritation')],
    ['any of two finding kinds', () => ({ findingKinds: ['no_solution', 'interruption'] }), (call) => call.findings.some((finding) => finding === 'no_solution' || finding === 'interruption')],
    ['failed criterion', () => ({ failedCriteria: ['needs'] }), (call) => call.failed.includes('needs')],
    [
      'several filters together',
      () => ({ direction: 'inbound', scoreMin: 10, findingKinds: ['question_ignored'], startedFrom: '2026-02-05' }),
      (call) => call.direction === 'inbound' && call.score !== null && call.score >= 10 && call.findings.includes('question_ignored') && call.startedAt !== null && call.startedAt >= '2026-02-04T21:00:00.000Z',
    ],
    ['empty lists', () => ({ managerIds: [], teamIds: [], findingKinds: [], failedCriteria: [], searchLemmas: [] }), () => true],
  ];

  it.each(filterCases)('filters by %s', async (_name, filter, predicate) => {
    const items = await listAll(filter());

    const ids = idsWhere(predicate);
    expect(ids.length).toBeGreaterThan(0);
    expect(items.map((item) => item.id).sort()).toEqual(ids);
  });

  // Without a total the page checks call by call instead of collecting the matches first.
  it.each(filterCases)('filters by %s without a total', async (_name, filter, predicate) => {
    const page = await database.calls.listCalls(filter(), undefined, { limit: 500, withTotal: false });

    expect(page.total).toBeNull();
    expect(page.items.map((item) => item.id).sort()).toEqual(idsWhere(predicate));
  });

  const sorts: CallSort[] = (['startedAt', 'score', 'duration', 'manager'] as const).flatMap((field) => [
    { field, direction: 'asc' as const },
    { field, direction: 'desc' as const },
  ]);

  function expectedOrder(sort: CallSort, calls: readonly Expected[] = expected): string[] {
    const valueOf = (call: Expected): string | number | null =>
      ({ startedAt: call.startedAt, score: call.score, duration: call.durationSec, manager: call.managerKey })[sort.field];
    const sign = sort.direction === 'asc' ? 1 : -1;
    return [...calls]
      .sort((left, right) => {
        const byValue = compareValues(valueOf(left), valueOf(right));
        return sign * (byValue === 0 ? left.seq - right.seq : byValue);
      })
      .map((call) => call.id);
  }

  it.each(sorts)('sorts by $field $direction', async (sort) => {
    const items = await listAll({}, sort);

    expect(items.map((item) => item.id)).toEqual(expectedOrder(sort));
  });

  it.each(sorts)('pages by cursor through $field $direction', async (sort) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 100; pages += 1) {
      const page = await database.calls.listCalls({}, sort, { limit: 7, ...(cursor === undefined ? {} : { cursor }) });
      expect(page.total).toBe(expected.length);
      seen.push(...page.items.map((item) => item.id));
      if (page.nextCursor === null) {
        break;
      }
      cursor = page.nextCursor;
    }

    expect(seen).toEqual(expectedOrder(sort));
  });

  it('pages by offset in the same order as by cursor', async () => {
    const sort: CallSort = { field: 'score', direction: 'desc' };
    const seen: string[] = [];
    for (let offset = 0; offset < expected.length; offset += 9) {
      const page = await database.calls.listCalls({ direction: 'inbound' }, sort, { limit: 9, offset });
      seen.push(...page.items.map((item) => item.id));
    }

    expect(seen).toEqual(expectedOrder(sort, expected.filter((call) => call.direction === 'inbound')));
  });

  it('pages by cursor within a filter', async () => {
    const sort: CallSort = { field: 'startedAt', direction: 'desc' };
    const filter: CallFilter = { findingKinds: ['irritation'] };
    const first = await database.calls.listCalls(filter, sort, { limit: 4 });
    const second = await database.calls.listCalls(filter, sort, { limit: 4, cursor: first.nextCursor ?? '' });

    const ids = expectedOrder(sort, expected.filter((call) => call.findings.includes('irritation')));
    expect([...first.items, ...second.items].map((item) => item.id)).toEqual(ids.slice(0, 8));
    expect(second.total).toBe(ids.length);
  });

  it('returns the summary of a call', async () => {
    const [item] = (await database.calls.listCalls({ searchLemmas: ['купить', 'интернет'] }, { field: 'startedAt', direction: 'desc' }, { limit: 1 })).items;
    const stored = expected.find((call) => call.id === item?.id);

    expect(item?.manager?.id).toBe(stored?.managerId);
    expect(item?.startedAt).toBe(stored?.startedAt);
    expect(item?.score).toBe(stored?.score);
    expect(item?.findingCount).toBe(stored?.score === undefined ? null : stored.findings.length);
  });

  it('leaves the total out when asked', async () => {
    const page = await database.calls.listCalls({}, undefined, { limit: 3, withTotal: false });

    expect(page.total).toBeNull();
    expect(page.items).toHaveLength(3);
  });

  describe('capped total', () => {
    const newestFirst: CallSort = { field: 'startedAt', direction: 'desc' };

    it.each<[string, () => CallFilter, (call: Expected) => boolean]>([
      ['no filter', () => ({}), () => true],
      ['score range', () => ({ scoreMin: 20, scoreMax: 60 }), (call) => call.score !== null && call.score >= 20 && call.score <= 60],
      ['finding kind', () => ({ findingKinds: ['irritation'] }), (call) => call.findings.includes('irritation')],
      ['text', () => ({ searchLemmas: ['договор'] }), (call) => call.lemmas.has('договор')],
    ])('stops counting at maxTotal with %s', async (_name, filter, predicate) => {
      const ids = expectedOrder(newestFirst, expected.filter(predicate));
      const maxTotal = ids.length - 1;
      const page = await database.calls.listCalls(filter(), newestFirst, { limit: 5, maxTotal });

      expect(ids.length).toBeGreaterThan(5);
      expect(page.total).toBe(maxTotal);
      expect(page.totalCapped).toBe(true);
      expect(page.items.map((item) => item.id)).toEqual(ids.slice(0, 5));
    });

    it('gives the exact total when it is at most maxTotal', async () => {
      const ids = idsWhere((call) => call.findings.includes('irritation'));
      const atLimit = await database.calls.listCalls({ findingKinds: ['irritation'] }, newestFirst, { limit: 5, maxTotal: ids.length });
      const exact = await database.calls.listCalls({ findingKinds: ['irritation'] }, newestFirst, { limit: 5 });

      expect(atLimit.total).toBe(ids.length);
      expect(atLimit.totalCapped).toBe(false);
      expect(exact.total).toBe(ids.length);
      expect(exact.totalCapped).toBe(false);
    });

    it('pages a wide score range by cursor in score order', async () => {
      const sort: CallSort = { field: 'score', direction: 'asc' };
      const filter: CallFilter = { scoreMin: 10, scoreMax: 90 };
      const first = await database.calls.listCalls(filter, sort, { limit: 6, maxTotal: 3 });
      const second = await database.calls.listCalls(filter, sort, { limit: 6, maxTotal: 3, cursor: first.nextCursor ?? '' });

      const ids = expectedOrder(sort, expected.filter((call) => call.score !== null && call.score >= 10 && call.score <= 90));
      expect(first.totalCapped).toBe(true);
      expect([...first.items, ...second.items].map((item) => item.id)).toEqual(ids.slice(0, 12));
    });

    it.each([0, -1, 2.5])('rejects maxTotal %s', async (maxTotal) => {
      await expect(database.calls.listCalls({}, undefined, { maxTotal })).rejects.toThrow(/Предел подсчёта/);
    });
  });

  describe('Russian text search', () => {
    it('finds the same calls without a total', async () => {
      const lemmas = buildSearchLemmas('перезвонить договор', morphology);
      const page = await database.calls.listCalls({ searchLemmas: lemmas }, undefined, { limit: 500, withTotal: false });

      expect(page.items.map((item) => item.id).sort()).toEqual(idsWhere((call) => lemmas.every((word) => hasWord(call, word))));
    });

    it.each([
      ['перезвонить', 'перезвоню'],
      ['ПЕРЕЗВОНИТЕ', 'перезвоню'],
      ['договор', 'договора'],
      ['подключение интернета', 'подключить'],
      ['тарифы', 'тариф'],
    ])('finds «%s» by its lemmas', async (query) => {
      const lemmas = buildSearchLemmas(query, morphology);
      const items = await listAll({ searchLemmas: lemmas });

      const ids = idsWhere((call) => lemmas.every((word) => hasWord(call, word)));
      expect(ids.length).toBeGreaterThan(0);
      expect(items.map((item) => item.id).sort()).toEqual(ids);
    });

    it.each([
      ['Ирины', /(?:^|[^а-яё])ирин(?:а|ы|е|у|ой)(?![а-яё])/u],
      ['Михаилу', /(?:^|[^а-яё])михаил(?:а|у|ом|е)?(?![а-яё])/u],
      ['Марии', /(?:^|[^а-яё])мари(?:я|и|ю|ей)(?![а-яё])/u],
    ])('finds the first name «%s» in any case', async (query, forms) => {
      const withName = loadRealCalls().filter((transcript) => transcript.turns.some((turn) => forms.test(turn.text.toLowerCase())));
      const items = await listAll({ searchLemmas: buildSearchLemmas(query, morphology) });

      expect(withName.length).toBeGreaterThan(0);
      expect(items.map((item) => item.id).sort()).toEqual(expect.arrayContaining(withName.map((transcript) => transcript.call.id)));
    });

    it('finds a word form that the text does not contain literally', async () => {
      const withForm = loadRealCalls().filter((transcript) => transcript.turns.map((turn) => turn.text).join(' ').includes('перезвоню'));
      const items = await listAll({ searchLemmas: buildSearchLemmas('перезвонить', morphology) });

      expect(withForm.length).toBeGreaterThan(0);
      expect(items.map((item) => item.id)).toEqual(expect.arrayContaining(withForm.map((transcript) => transcript.call.id)));
    });

    it('matches only calls with every word', async () => {
      const items = await listAll({ searchLemmas: buildSearchLemmas('перезвонить договор', morphology) });
      const either = await listAll({ searchLemmas: buildSearchLemmas('перезвонить', morphology) });

      expect(items.length).toBeLessThan(either.length);
    });

    it.each(['абракадабрище', 'NEAR', '"кавычки"', 'OR AND NOT'])('finds nothing for «%s» without failing', async (query) => {
      const items = await listAll({ searchLemmas: buildSearchLemmas(query, morphology) });
      expect(items).toEqual([]);
    });

    it.each(['collect', 'probe', 'lookup'] as const)('finds the same calls by %s', async (strategy) => {
      const managerId = expected.find((call) => call.managerId !== null && call.lemmas.has('договор') && call.score !== null)?.managerId ?? 0;
      const filter: CallFilter = { searchLemmas: buildSearchLemmas('договор', morphology), managerIds: [managerId], scoreMin: 0 };
      const context = { db: database.db, dialect: database.dialect, timeZone: database.timeZone };
      const rows = await applyFilter(context, database.db.selectFrom('calls'), filter, strategy).select('calls.id').execute();

      const ids = idsWhere((call) => call.managerId === managerId && call.lemmas.has('договор') && call.score !== null);
      expect(ids.length).toBeGreaterThan(0);
      expect(rows.map((row) => row.id).sort()).toEqual(ids);
    });

    it('counts within one manager by lookup', async () => {
      const managerId = expected.find((call) => call.managerId !== null && call.lemmas.has('договор'))?.managerId ?? null;
      const lemmas = buildSearchLemmas('договор', morphology);
      const items = await listAll({ searchLemmas: lemmas, managerIds: [managerId ?? 0] });

      const ids = idsWhere((call) => call.managerId === managerId && call.lemmas.has('договор'));
      expect(ids.length).toBeGreaterThan(0);
      expect(items.map((item) => item.id).sort()).toEqual(ids);
    });

    let busiest: { managerId: number; lemma: string } | undefined;

    /** The manager and word with the most scored calls of that manager containing the word. */
    function busiestManagerWord(): { managerId: number; lemma: string } {
      if (busiest !== undefined) {
        return busiest;
      }
      const counts = new Map<string, { managerId: number; lemma: string; calls: number }>();
      for (const call of expected) {
        if (call.managerId === null || call.score === null) {
          continue;
        }
        for (const lemma of call.lemmas) {
          const key = `${call.managerId} ${lemma}`;
          const entry = counts.get(key) ?? { managerId: call.managerId, lemma, calls: 0 };
          entry.calls += 1;
          counts.set(key, entry);
        }
      }
      const [best] = [...counts.values()].sort((left, right) => right.calls - left.calls || left.lemma.localeCompare(right.lemma));
      if (best === undefined) {
        throw new Error('no manager has a scored call with text');
      }
      busiest = { managerId: best.managerId, lemma: best.lemma };
      return busiest;
    }

    // These filters leave few calls, so the count reads the text matches and checks them against those calls.
    it.each<[string, () => CallFilter, (call: Expected) => boolean]>([
      ['a manager', () => ({ managerIds: [busiestManagerWord().managerId] }), (call) => call.managerId === busiestManagerWord().managerId],
      [
        'a manager and a score range',
        () => ({ managerIds: [busiestManagerWord().managerId], scoreMin: 1, scoreMax: 100 }),
        (call) => call.managerId === busiestManagerWord().managerId && call.score !== null && call.score >= 1,
      ],
      ['a team and a finding', () => ({ teamIds: [firstManager().teamId ?? 0], findingKinds: ['irritation'] }), (call) => call.teamId === firstManager().teamId && call.findings.includes('irritation')],
      ['a date range', () => ({ startedFrom: '2026-02-05' }), (call) => call.startedAt !== null && call.startedAt >= '2026-02-04T21:00:00.000Z'],
    ])('counts text within %s', async (_name, filter, predicate) => {
      const { lemma } = busiestManagerWord();
      const sort: CallSort = { field: 'score', direction: 'desc' };
      const ids = expectedOrder(sort, expected.filter((call) => call.lemmas.has(lemma) && predicate(call)));
      const exact = await database.calls.listCalls({ ...filter(), searchLemmas: [lemma] }, sort, { limit: 500 });
      const capped = await database.calls.listCalls({ ...filter(), searchLemmas: [lemma] }, sort, { limit: 2, maxTotal: 1 });

      expect(ids.length).toBeGreaterThan(1);
      expect(exact.total).toBe(ids.length);
      expect(exact.items.map((item) => item.id)).toEqual(ids);
      expect(capped.total).toBe(1);
      expect(capped.totalCapped).toBe(true);
      expect(capped.items.map((item) => item.id)).toEqual(ids.slice(0, 2));
    });

    it('combines with a date range and a finding', async () => {
      const lemmas = buildSearchLemmas('договор', morphology);
      const items = await listAll({ searchLemmas: lemmas, startedFrom: '2026-02-05', findingKinds: ['irritation'] });

      const ids = idsWhere((call) => call.lemmas.has('договор') && call.findings.includes('irritation') && call.startedAt !== null && call.startedAt >= '2026-02-04T21:00:00.000Z');
      expect(ids.length).toBeGreaterThan(0);
      expect(items.map((item) => item.id).sort()).toEqual(ids);
    });

    it('combines with other filters', async () => {
      const lemmas = buildSearchLemmas('договор', morphology);
      const items = await listAll({ searchLemmas: lemmas, direction: 'outbound' });

      expect(items.map((item) => item.id).sort()).toEqual(idsWhere((call) => call.direction === 'outbound' && call.lemmas.has('договор')));
    });
  });

  describe('bad requests', () => {
    it.each([
      ['a cursor that is not one', {}, { cursor: 'не курсор' }, /Курсор страницы недействителен/],
      ['a cursor of another sort', { field: 'score', direction: 'asc' }, { cursor: Buffer.from('["startedAt","desc",null,1]').toString('base64url') }, /другой сортировки/],
      ['a page of 0 calls', {}, { limit: 0 }, /от 1 до 500/],
      ['a page of 501 calls', {}, { limit: 501 }, /от 1 до 500/],
      ['a negative offset', {}, { offset: -1 }, /Смещение -1/],
      ['both a cursor and an offset', {}, { offset: 5, cursor: 'x' }, /либо курсор/],
    ] as const)('rejects %s', async (_name, sort, page, message) => {
      const fullSort: CallSort = { field: 'startedAt', direction: 'desc', ...sort };
      await expect(database.calls.listCalls({}, fullSort, page)).rejects.toThrow(message);
    });

    it('rejects a date it cannot read', async () => {
      await expect(database.calls.listCalls({ startedFrom: '10.02.2026' })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/Дата «10\.02\.2026» не распознана/) as unknown });
    });

    it('rejects a period that ends before it starts', async () => {
      await expect(database.calls.listCalls({ startedFrom: '2026-12-05', startedTo: '2026-12-01' })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: 'Начало периода (2026-12-05) должно быть раньше конца (2026-12-01).',
      });
      await expect(database.calls.listCalls({ startedFrom: '2026-12-05', startedTo: '2026-12-05' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    });
  });
});
