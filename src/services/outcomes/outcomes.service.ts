import { analyzeDrivers, type Driver, type DriverAnalysis } from '../../core/outcomes/drivers.ts';
import { findNewLead, type NewLead } from '../../core/outcomes/new-leads.ts';
import { npsTrends, type NpsTrend, rateTrends, type RateTrend, type TrendObservation } from '../../core/outcomes/trends.ts';
import type { ClientContact, Database, MissedCall, PromiseCheck } from '../../data/index.ts';
import { toInstant } from '../../data/time.ts';
import { AppError } from '../../lib/app-error.ts';
import { reversedPeriodMessage } from '../../lib/period-message.ts';
import { callNotFound, callScopeOf, canSeeCall, requireRole, type Viewer } from '../accounts/access.ts';
import { loadClientContacts } from '../followthrough/client-contacts.ts';
import type { FollowThroughSettings } from '../followthrough/follow-through-config.ts';
import { figuresByManager, figuresOf, type ManagerFigures } from './manager-figures.ts';
import { CANDIDATE_FEATURES, loadOutcomeData, npsUnits, purchaseUnits, type TimedUnit } from './outcome-units.ts';
import { DRIVER_VERDICT_TITLES, featureTitle, TREND_VERDICT_TITLES } from './outcome-texts.ts';
import type { OutcomesSettings } from './outcomes-config.ts';

export interface OutcomesQuery {
  /** ISO date or time: results from this moment on (a bare date is midnight in the installation's zone). */
  from?: string | undefined;
  /** ISO date or time, exclusive. */
  to?: string | undefined;
  managerId?: number | undefined;
  teamId?: number | undefined;
  /** The date the ОКК started: trends compare NPS and repeat purchases before and after it. */
  since?: string | undefined;
}

export interface PromiseRow extends PromiseCheck {
  manager: string | null;
  clientPhone: string | null;
}

export interface MissedCallRow extends MissedCall {
  manager: string | null;
  team: string | null;
}

export interface DriverRow extends Driver {
  title: string;
  verdictTitle: string;
}

export interface DriverReport extends Omit<DriverAnalysis, 'drivers'> {
  drivers: DriverRow[];
  /** Outcomes left out: NPS answers without analysed calls before them, calls whose window is still open. */
  excluded: { withoutCalls: number; windowOpen: number };
  windowDays: number;
}

export interface TrendRow<T> {
  group: string;
  /** «Все», a team's or a manager's name. */
  title: string;
  trend: T;
  verdictTitle: string;
}

export interface OutcomesReport {
  generatedAt: string;
  period: { from: string | null; to: string | null };
  totals: ManagerFigures;
  managers: ManagerFigures[];
  promises: PromiseRow[];
  missedCalls: MissedCallRow[];
  drivers: { detractors: DriverReport; noRepeatPurchase: DriverReport };
  trends: { since: string; nps: TrendRow<NpsTrend>[]; repeatPurchase: TrendRow<RateTrend>[] } | null;
  /** Answered call-log records with a recording that okk has not analysed. */
  unanalysedRecordings: number;
}

export interface ClientHistory {
  client: { id: number; phone: string | null; crmId: string | null } | null;
  /** Contacts before the call, oldest first; `startedAt` is as the call page shows a call's start. */
  earlier: ClientContact[];
  later: ClientContact[];
  promises: PromiseCheck[];
}

export interface OutcomesServiceDeps {
  database: Database;
  followThrough: FollowThroughSettings;
  outcomes: OutcomesSettings;
  timeZone: string;
  now: () => Date;
}

/**
 * Figures of follow-through and business outcomes for the head-of-sales report, the manager page and
 * `okk outcomes`. They are kept promises, callbacks, new-lead response, NPS and repeat purchases per
 * manager, the drivers of detractors and of lost repeat purchases, and trends since the ОКК started.
 * A manager gets only their own results, a head of sales those of their teams.
 */
export class OutcomesService {
  constructor(private readonly deps: OutcomesServiceDeps) {}

  /** Builds the head-of-sales report: for a head of sales over their teams, for the ОКК and administrators over all. */
  async salesReport(viewer: Viewer, query: OutcomesQuery = {}): Promise<OutcomesReport> {
    requireRole(viewer, ['admin', 'qa_reviewer', 'head_of_sales'], 'смотреть отчёт о выполнении обещаний и NPS');
    return this.report(viewer, query);
  }

  /** Builds one manager's figures, promises and missed calls for the manager page. A manager may open only their own. */
  async managerReport(viewer: Viewer, managerId: number, query: Omit<OutcomesQuery, 'managerId' | 'teamId'> = {}): Promise<OutcomesReport> {
    const manager = await this.deps.database.managers.getManager(managerId);
    if (manager === undefined || !canSeeCall(callScopeOf(viewer), { managerId, teamId: manager.team?.id ?? null })) {
      throw new AppError('NOT_FOUND', `Менеджер ${managerId} не найден.`);
    }
    return this.report(viewer, { ...query, managerId });
  }

  /** Builds the figures over the calls the viewer may open. The CLI passes the system viewer, which may open all. */
  async report(viewer: Viewer, query: OutcomesQuery = {}): Promise<OutcomesReport> {
    const { database, outcomes } = this.deps;
    const now = this.deps.now().toISOString();
    const range = this.range(query);
    const visible = this.visibility(viewer, query);

    const data = await loadOutcomeData(database);
    const nps = npsUnits(data, outcomes);
    const purchases = purchaseUnits(data, outcomes, now);
    const inRange = (at: string) => (range.from === null || Date.parse(at) >= Date.parse(range.from)) && (range.to === null || Date.parse(at) < Date.parse(range.to));
    const npsScoped = nps.units.filter((unit) => visible(unit) && inRange(unit.at));
    const purchaseScoped = purchases.units.filter((unit) => visible(unit) && inRange(unit.at));

    const promises = (await database.followThrough.listPromiseChecks()).filter((check) => visible(check) && inRange(check.promisedAt));
    const missedCalls = (await database.followThrough.listMissedCalls()).filter((call) => visible(call) && inRange(call.missedAt));
    const leads = (await this.newLeads()).filter((lead) => visible(lead) && inRange(lead.first.at));
    const managers = await this.managerNames();
    const inputs = { promises, missedCalls, leads, npsUnits: npsScoped, purchaseUnits: purchaseScoped, managers, level: outcomes.confidenceLevel };
    const phones = new Map((await database.clients.listClients(promises.flatMap((check) => check.clientId ?? []))).map((client) => [client.id, client.phone]));

    return {
      generatedAt: now,
      period: range,
      totals: { ...figuresOf(null, inputs), name: await this.totalsName(query, managers) },
      managers: figuresByManager(inputs),
      promises: promises.map((check) => ({
        ...check,
        manager: check.managerId === null ? null : (managers.get(check.managerId)?.name ?? null),
        clientPhone: check.clientId === null ? null : (phones.get(check.clientId) ?? null),
      })),
      missedCalls: missedCalls.map((call) => ({
        ...call,
        manager: call.managerId === null ? null : (managers.get(call.managerId)?.name ?? null),
        team: call.teamId === null ? null : (managers.get(-call.teamId)?.name ?? null),
      })),
      drivers: {
        detractors: this.driverReport(npsScoped, nps.excluded, outcomes.npsWindowDays),
        noRepeatPurchase: this.driverReport(purchaseScoped, purchases.excluded, outcomes.repeatPurchaseDays),
      },
      trends: query.since === undefined ? null : this.trends(npsScoped, purchaseScoped, query.since, managers),
      unanalysedRecordings: (await database.callLogs.listUnanalysedRecordings()).filter((record) => visible(record) && inRange(record.startedAt)).length,
    };
  }

  /** Earlier and later contacts of the call's client and what happened to the call's promises. */
  async clientHistory(viewer: Viewer, callId: string): Promise<ClientHistory> {
    const { database } = this.deps;
    const stored = await database.calls.getCall(callId);
    if (stored === undefined || !canSeeCall(callScopeOf(viewer), { managerId: stored.managerId, teamId: stored.teamId })) {
      throw callNotFound(callId);
    }
    const promises = await database.followThrough.listPromiseChecks({ callId });
    const client = (await database.clients.clientOfCall(callId)) ?? null;
    if (client === null) {
      return { client: null, earlier: [], later: [], promises };
    }
    const scope = callScopeOf(viewer);
    // The client's contacts are shown to anyone who may open the call. Another analysed call the viewer
    // may not open is shown without its id and score.
    const contacts = (await database.clients.listContacts(client.id))
      .filter((contact) => contact.callId !== callId)
      .map((contact) => (contact.kind === 'call' && !canSeeCall(scope, contact) ? { ...contact, id: '', callId: null, score: null } : contact));
    const start = stored.startedAtUtc === null ? null : Date.parse(stored.startedAtUtc);
    const isEarlier = (contact: ClientContact) => start !== null && contact.startedAt !== null && Date.parse(contact.startedAt) < start;
    const shown = (contact: ClientContact): ClientContact => ({ ...contact, startedAt: contact.startedAtSource });
    return {
      client,
      earlier: contacts.filter(isEarlier).map(shown),
      later: contacts.filter((contact) => !isEarlier(contact)).map(shown),
      promises,
    };
  }

  private driverReport(units: readonly TimedUnit[], excluded: { withoutCalls: number; windowOpen: number }, windowDays: number): DriverReport {
    const { outcomes } = this.deps;
    const analysis = analyzeDrivers(units, { level: outcomes.confidenceLevel, minGroupSize: outcomes.minGroupSize, maxExamples: outcomes.maxExamples, candidates: CANDIDATE_FEATURES });
    return {
      ...analysis,
      drivers: analysis.drivers.map((driver) => ({ ...driver, title: featureTitle(driver.feature), verdictTitle: DRIVER_VERDICT_TITLES[driver.verdict] })),
      excluded,
      windowDays,
    };
  }

  private trends(npsScoped: readonly TimedUnit[], purchaseScoped: readonly TimedUnit[], since: string, managers: Map<number, { name: string; team: string | null }>) {
    const { outcomes } = this.deps;
    const sinceInstant = this.instant(since, 'since');
    const groupsOf = (unit: TimedUnit) => ['all', ...(unit.teamId === null ? [] : [`team:${unit.teamId}`]), ...(unit.managerId === null ? [] : [`manager:${unit.managerId}`])];
    const options = { since: sinceInstant, level: outcomes.confidenceLevel, minGroupSize: outcomes.minGroupSize, bootstrapSeed: outcomes.bootstrapSeed, bootstrapResamples: outcomes.bootstrapResamples };
    const npsObservations: TrendObservation<number>[] = npsScoped.flatMap((unit) => (unit.value === null ? [] : [{ at: unit.at, value: unit.value, groups: groupsOf(unit) }]));
    const purchaseObservations: TrendObservation<boolean>[] = purchaseScoped.map((unit) => ({ at: unit.at, value: !unit.bad, groups: groupsOf(unit) }));
    const title = (group: string) => {
      if (group === 'all') return 'Все';
      const [kind, id] = group.split(':');
      return kind === 'team' ? (managers.get(-Number(id))?.name ?? group) : (managers.get(Number(id))?.name ?? group);
    };
    return {
      since: sinceInstant,
      nps: npsTrends(npsObservations, options).map((trend) => ({ group: trend.group, title: title(trend.group), trend, verdictTitle: TREND_VERDICT_TITLES[trend.verdict] })),
      repeatPurchase: rateTrends(purchaseObservations, options).map((trend) => ({ group: trend.group, title: title(trend.group), trend, verdictTitle: TREND_VERDICT_TITLES[trend.verdict] })),
    };
  }

  /** New leads of the whole call log: a client whose first contact is an incoming call, far enough into the log. */
  private async newLeads(): Promise<NewLead[]> {
    const { database, followThrough } = this.deps;
    const span = await database.callLogs.timeSpan();
    if (span === null) return [];
    const contacts = await loadClientContacts(database);
    const waitOf = (ref: string) => contacts.records.get(Number(ref))?.waitSec ?? null;
    const options = { historyFrom: span.from, minHistoryDays: followThrough.newLeadHistoryDays, droppedCallMaxSec: followThrough.droppedCallMaxSec };
    return [...contacts.byClient.values()].flatMap((events) => findNewLead(events, (event) => (event.source === 'call_log' ? waitOf(event.ref) : null), options) ?? []);
  }

  /** Managers by id and teams by negated id, with names, for labels. */
  private async managerNames(): Promise<Map<number, { name: string; team: string | null }>> {
    const names = new Map<number, { name: string; team: string | null }>();
    for (const team of await this.deps.database.managers.listTeams()) names.set(-team.id, { name: team.name, team: null });
    for (const manager of await this.deps.database.managers.listManagers()) names.set(manager.id, { name: manager.name, team: manager.team?.name ?? null });
    return names;
  }

  private visibility(viewer: Viewer, query: OutcomesQuery): (item: { managerId: number | null; teamId: number | null }) => boolean {
    const scope = callScopeOf(viewer);
    return (item) =>
      canSeeCall(scope, item) && (query.managerId === undefined || item.managerId === query.managerId) && (query.teamId === undefined || item.teamId === query.teamId);
  }

  /** Returns the query's period as instants. The end is exclusive, so a period whose end is not after its start is rejected, as in the reports. */
  private range(query: OutcomesQuery): { from: string | null; to: string | null } {
    const from = query.from === undefined ? null : this.instant(query.from, 'from');
    const to = query.to === undefined ? null : this.instant(query.to, 'to');
    if (from !== null && to !== null && query.from !== undefined && query.to !== undefined && Date.parse(from) >= Date.parse(to)) {
      throw new AppError('INVALID_INPUT', reversedPeriodMessage(query.from, query.to));
    }
    return { from, to };
  }

  /** Names the totals row: the manager or team the report is narrowed to, else all managers. */
  private async totalsName(query: OutcomesQuery, managers: ReadonlyMap<number, { name: string }>): Promise<string> {
    if (query.managerId !== undefined) {
      return managers.get(query.managerId)?.name ?? `Менеджер ${query.managerId}`;
    }
    if (query.teamId === undefined) {
      return 'Все менеджеры';
    }
    const team = (await this.deps.database.managers.listTeams()).find((candidate) => candidate.id === query.teamId);
    return team === undefined ? `Команда ${query.teamId}` : `Команда «${team.name}»`;
  }

  private instant(value: string, field: string): string {
    const instant = toInstant(value, this.deps.timeZone);
    if (instant === null) {
      throw new AppError('INVALID_INPUT', `Значение «${value}» поля ${field} не распознано: укажите дату ГГГГ-ММ-ДД или время ISO 8601.`);
    }
    return instant;
  }
}
