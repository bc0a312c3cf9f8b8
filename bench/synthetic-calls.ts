// Synthetic calls for the data-layer and API benchmarks. Managers sit in teams and have their own
// typical scores, and calls start in working hours over a year. Findings and failed criteria get more
// frequent as the score drops, and each call has Russian lemma text for search. The same seed gives
// the same calls.
import type { CriterionId } from '../src/core/model/checklist.ts';
import { CRITERION_IDS } from '../src/core/model/checklist.ts';
import type { Evaluation, Finding, FindingKind } from '../src/core/model/evaluation.ts';
import { FINDING_KINDS } from '../src/core/model/evaluation.ts';
import type { ManagerInfo, Transcript, Turn } from '../src/core/model/transcript.ts';

const TEAMS = ['Продажи B2C', 'Продажи B2B', 'Удержание', 'Техподдержка 1', 'Техподдержка 2', 'Биллинг', 'Подключения', 'Телемаркетинг', 'Сервисные продажи', 'ОКЦ', 'ССК', 'VIP'];
const SURNAMES = ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров', 'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семёнов', 'Егоров', 'Павлов', 'Козлов', 'Степанов', 'Николаев'];
const FIRST_NAMES = ['Анна', 'Мария', 'Елена', 'Ольга', 'Дмитрий', 'Алексей', 'Сергей', 'Андрей', 'Наталья', 'Ирина', 'Павел', 'Юлия'];
// Lemmas as the morphology returns them (folded, «ё» as «е»).
const VOCABULARY = (
  'добрый день здравствуйте меня звать компания чем мочь помочь интернет тариф договор номер адрес ' +
  'подключение подключить роутер скорость деньга оплата оплатить баланс счет месяц рубль абонентский плата ' +
  'перезвонить прислать отправить письмо предложение коммерческий завтра сегодня неделя обед вечер ' +
  'клиент мастер заявка выезд ремонт проблема работать не да нет хорошо понять спасибо свидание ' +
  'телевидение канал пакет акция скидка бесплатно стоимость условие переход отключить расторгнуть ' +
  'претензия жалоба ждать долго минута оператор специалист линия техподдержка проверить уточнить ' +
  'паспорт данные фамилия имя отчество телефон квартира дом улица подъезд этаж домофон'
).split(' ');

export interface SyntheticCall {
  transcript: Transcript;
  evaluation: Evaluation;
  searchText: string;
}

/** A small, fast, seeded random source (xorshift32); Math.random cannot be seeded. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }

  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 4_294_967_296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** Draws a normally distributed value (Box–Muller). */
  normal(mean: number, deviation: number): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + deviation * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

interface SyntheticManager {
  info: ManagerInfo;
  meanScore: number;
  /** Relative share of the calls: a few managers take many calls, most take few. */
  weight: number;
}

export interface GeneratorOptions {
  seed: number;
  managers: number;
  turnsPerCall: number;
  /** The last day of the year of calls, `YYYY-MM-DD` (UTC). */
  endDate: string;
}

/** Builds synthetic calls one batch at a time, so a million calls never sit in memory at once. */
export class SyntheticCallGenerator {
  private readonly random: SeededRandom;
  private readonly managers: SyntheticManager[];
  private readonly cumulativeWeights: number[];
  private readonly endTime: number;

  constructor(private readonly options: GeneratorOptions) {
    this.random = new SeededRandom(options.seed);
    this.managers = Array.from({ length: options.managers }, (_, index) => this.createManager(index));
    let total = 0;
    this.cumulativeWeights = this.managers.map((manager) => (total += manager.weight));
    this.endTime = Date.parse(`${options.endDate}T21:00:00Z`);
  }

  batch(firstIndex: number, count: number): SyntheticCall[] {
    return Array.from({ length: count }, (_, offset) => this.call(firstIndex + offset));
  }

  private createManager(index: number): SyntheticManager {
    const surname = SURNAMES[index % SURNAMES.length] ?? 'Иванов';
    const female = index % 2 === 0;
    const name = `${female ? `${surname}а` : surname} ${FIRST_NAMES[(index * 7) % FIRST_NAMES.length] ?? 'Анна'} ${index + 1}`;
    return {
      info: { name, team: TEAMS[index % TEAMS.length] ?? null, supervisor: `Руководитель ${(index % TEAMS.length) + 1}`, position: 'Менеджер' },
      meanScore: Math.min(95, Math.max(35, this.random.normal(72, 10))),
      weight: 1 / (1 + (index % 17)),
    };
  }

  private pickManager(): SyntheticManager {
    const total = this.cumulativeWeights.at(-1) ?? 1;
    const target = this.random.next() * total;
    let low = 0;
    let high = this.cumulativeWeights.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.cumulativeWeights[middle] ?? 0) < target) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    const manager = this.managers[low];
    if (manager === undefined) {
      throw new Error('no managers to pick from: --managers must be at least 1');
    }
    return manager;
  }

  /** Draws a start time in working hours (9:00–20:00 Moscow), weekdays four times as busy as weekends. */
  private startedAt(): string {
    for (;;) {
      const day = this.random.int(365);
      const date = new Date(this.endTime - day * 86_400_000);
      const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
      if (weekend && this.random.next() > 0.25) {
        continue;
      }
      const minutes = 6 * 60 + this.random.int(11 * 60);
      const start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) + minutes * 60_000 + this.random.int(60) * 1000;
      return new Date(start).toISOString().replace('.000Z', 'Z');
    }
  }

  private call(index: number): SyntheticCall {
    const manager = this.pickManager();
    const id = `synthetic-${index.toString().padStart(8, '0')}`;
    const durationSec = Math.round(Math.min(3600, Math.max(15, Math.exp(this.random.normal(5.1, 0.7)))));
    const noSpeech = this.random.next() < 0.03;
    const score = noSpeech ? null : Math.round(Math.min(100, Math.max(0, this.random.normal(manager.meanScore, 15))));
    const turns = this.turns();
    const transcript: Transcript = {
      call: {
        id,
        externalId: String(900_000_000 + index),
        source: `bench:${id}`,
        startedAt: this.startedAt(),
        durationSec,
        direction: this.random.next() < 0.55 ? 'inbound' : 'outbound',
        manager: manager.info,
        client: { name: null, phone: `+7916${(1_000_000 + this.random.int(8_999_999)).toString()}` },
      },
      turns,
      roles: { method: 'channel', confidence: 1 },
      format: 'bench',
      warnings: [],
    };
    return { transcript, evaluation: this.evaluation(transcript, score), searchText: this.lemmas(40 + this.random.int(120)) };
  }

  private turns(): Turn[] {
    return Array.from({ length: this.options.turnsPerCall }, (_, index) => ({
      index,
      role: index % 2 === 0 ? 'manager' : 'client',
      channel: index % 2,
      speaker: null,
      startSec: index * 6,
      endSec: index * 6 + 5,
      text: this.lemmas(4 + this.random.int(10)),
      confidence: null,
      flags: [],
      overlapsTurn: null,
    }));
  }

  private lemmas(count: number): string {
    return Array.from({ length: count }, () => this.random.pick(VOCABULARY)).join(' ');
  }

  private evaluation(transcript: Transcript, score: number | null): Evaluation {
    // The lower the score, the likelier each finding and failed criterion.
    const badness = score === null ? 0 : (100 - score) / 100;
    const findings = FINDING_KINDS.filter(() => this.random.next() < 0.02 + 0.25 * badness).map((kind) => this.finding(kind, transcript));
    const failed = new Set<CriterionId>(CRITERION_IDS.filter(() => this.random.next() < 0.05 + 0.5 * badness));
    return {
      call: transcript.call,
      checklist: { id: 'default', version: 1 },
      score,
      criteria: CRITERION_IDS.map((id) => ({
        id,
        title: id,
        weight: 10,
        critical: false,
        result: score === null ? 'not_applicable' : failed.has(id) ? 'failed' : 'passed',
        explanation: '',
        evidence: [],
      })),
      findings,
      metrics: {
        turns: transcript.turns.length,
        managerWords: 0,
        clientWords: 0,
        managerTalkShare: null,
        longestManagerMonologueSec: null,
        longestManagerMonologueWords: 0,
        managerQuestions: 0,
        clientQuestions: 0,
        interruptions: 0,
        silenceSec: null,
        speechRateWpm: null,
        scriptedTurns: 0,
      },
      promises:
        this.random.next() < 0.2
          ? [{ turn: 0, startSec: 0, quote: 'перезвоню завтра', action: 'callback', dueText: 'завтра', due: null }]
          : [],
      client: { sentimentStart: null, sentimentEnd: null },
      transcript: { complete: true, noSpeech: score === null, warnings: [] },
    };
  }

  private finding(kind: FindingKind, transcript: Transcript): Finding {
    const turn = this.random.int(Math.max(1, transcript.turns.length));
    return {
      kind,
      severity: this.random.pick(['critical', 'major', 'minor'] as const),
      turn,
      startSec: turn * 6,
      quote: transcript.turns[turn]?.text ?? '',
      explanation: '',
      recommendation: '',
      evidence: [],
    };
  }
}
