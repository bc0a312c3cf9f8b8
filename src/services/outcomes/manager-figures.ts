import { type ProportionEstimate, wilsonInterval } from '../../core/outcomes/intervals.ts';
import type { NewLead } from '../../core/outcomes/new-leads.ts';
import { npsIndexOf } from '../../core/outcomes/trends.ts';
import type { MissedCall, PromiseCheck } from '../../data/index.ts';
import type { TimedUnit } from './outcome-units.ts';

/** Follow-through and outcome figures of one manager (or of calls with no manager: `managerId` null). */
export interface ManagerFigures {
  managerId: number | null;
  name: string;
  team: string | null;
  promises: {
    kept: number;
    broken: number;
    pending: number;
    unverified: number;
    /** Kept among kept and broken, with the Wilson interval; null when none was judged. */
    keptRate: ProportionEstimate | null;
  };
  missedCalls: {
    episodes: number;
    calledBack: number;
    late: number;
    noCallback: number;
    pending: number;
    /** Called back in time among those judged; null when none was judged. */
    callbackRate: ProportionEstimate | null;
    /** Median of the callbacks that happened, wall-clock and working seconds. */
    medianCallbackSec: number | null;
    medianCallbackWorkingSec: number | null;
  };
  newLeads: { count: number; reached: number; medianResponseSec: number | null };
  nps: { answers: number; meanScore: number | null; npsIndex: number | null };
  repeatPurchase: { calls: number; rate: number | null };
}

export interface FigureInputs {
  promises: readonly PromiseCheck[];
  missedCalls: readonly MissedCall[];
  leads: readonly NewLead[];
  npsUnits: readonly TimedUnit[];
  purchaseUnits: readonly TimedUnit[];
  managers: ReadonlyMap<number, { name: string; team: string | null }>;
  level: number;
}

export const NO_MANAGER = 'Без ответственного';

/** Groups follow-through results and outcomes by the responsible manager, most broken promises first. */
export function figuresByManager(inputs: FigureInputs): ManagerFigures[] {
  const keys = new Set<number | null>([
    ...inputs.promises.map((check) => check.managerId),
    ...inputs.missedCalls.map((call) => call.managerId),
    ...inputs.leads.map((lead) => lead.managerId),
    ...inputs.npsUnits.map((unit) => unit.managerId),
    ...inputs.purchaseUnits.map((unit) => unit.managerId),
  ]);
  const figures = [...keys].map((managerId) =>
    figuresOf(managerId, {
      ...inputs,
      promises: inputs.promises.filter((check) => check.managerId === managerId),
      missedCalls: inputs.missedCalls.filter((call) => call.managerId === managerId),
      leads: inputs.leads.filter((lead) => lead.managerId === managerId),
      npsUnits: inputs.npsUnits.filter((unit) => unit.managerId === managerId),
      purchaseUnits: inputs.purchaseUnits.filter((unit) => unit.managerId === managerId),
    }),
  );
  return figures.sort((a, b) => b.promises.broken + b.missedCalls.noCallback - (a.promises.broken + a.missedCalls.noCallback) || a.name.localeCompare(b.name, 'ru'));
}

/** Computes the same figures over everything given, for the totals line. */
export function figuresOf(managerId: number | null, inputs: FigureInputs): ManagerFigures {
  const manager = managerId === null ? undefined : inputs.managers.get(managerId);
  const count = <T>(items: readonly T[], test: (item: T) => boolean) => items.filter(test).length;

  const kept = count(inputs.promises, (check) => check.outcome === 'kept');
  const broken = count(inputs.promises, (check) => check.outcome === 'broken');
  const calledBack = count(inputs.missedCalls, (call) => call.outcome === 'called_back');
  const late = count(inputs.missedCalls, (call) => call.outcome === 'late');
  const noCallback = count(inputs.missedCalls, (call) => call.outcome === 'no_callback');
  const judgedMissed = calledBack + late + noCallback;
  const scores = inputs.npsUnits.flatMap((unit) => (unit.value === null ? [] : [unit.value]));

  return {
    managerId,
    name: manager?.name ?? NO_MANAGER,
    team: manager?.team ?? null,
    promises: {
      kept,
      broken,
      pending: count(inputs.promises, (check) => check.outcome === 'pending'),
      unverified: count(inputs.promises, (check) => check.outcome === 'unverified'),
      keptRate: kept + broken === 0 ? null : wilsonInterval(kept, kept + broken, inputs.level),
    },
    missedCalls: {
      episodes: inputs.missedCalls.length,
      calledBack,
      late,
      noCallback,
      pending: count(inputs.missedCalls, (call) => call.outcome === 'pending'),
      callbackRate: judgedMissed === 0 ? null : wilsonInterval(calledBack, judgedMissed, inputs.level),
      medianCallbackSec: median(inputs.missedCalls.flatMap((call) => call.callbackSec ?? [])),
      medianCallbackWorkingSec: median(inputs.missedCalls.flatMap((call) => call.callbackWorkingSec ?? [])),
    },
    newLeads: {
      count: inputs.leads.length,
      reached: count(inputs.leads, (lead) => lead.response !== null),
      medianResponseSec: median(inputs.leads.flatMap((lead) => lead.responseSec ?? [])),
    },
    nps: {
      answers: scores.length,
      meanScore: scores.length === 0 ? null : scores.reduce((sum, score) => sum + score, 0) / scores.length,
      npsIndex: scores.length === 0 ? null : npsIndexOf(scores),
    },
    repeatPurchase: {
      calls: inputs.purchaseUnits.length,
      rate: inputs.purchaseUnits.length === 0 ? null : count(inputs.purchaseUnits, (unit) => !unit.bad) / inputs.purchaseUnits.length,
    },
  };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? null) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
