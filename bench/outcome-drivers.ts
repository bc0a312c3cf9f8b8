/**
 * Runs the follow-through check and the driver analysis on generated company histories, with effects
 * planted and with none. Prints the planted drivers' effect sizes and intervals as recovered, and how
 * often the analysis claims an effect that was not planted.
 *
 *   npx tsx bench/outcome-drivers.ts [seeds]   (default 10 seeds of each kind)
 */
import { openDatabase } from '../src/data/index.ts';
import { createLogger } from '../src/lib/logger.ts';
import { SYSTEM_VIEWER } from '../src/services/accounts/access.ts';
import { defaultFollowThroughSettings } from '../src/services/followthrough/follow-through-config.ts';
import { runFollowThrough } from '../src/services/followthrough/follow-through.service.ts';
import { defaultOutcomesSettings } from '../src/services/outcomes/outcomes-config.ts';
import { type OutcomesReport, OutcomesService } from '../src/services/outcomes/outcomes.service.ts';
import { generateCompanyHistory, NOTHING_PLANTED, PLANTED, type PlantedEffects } from '../src/services/outcomes/testing/company-history.ts';

const TIME_ZONE = 'Europe/Moscow';
const seeds = Number(process.argv[2] ?? 10);
const logger = createLogger({ level: 'silent' });

async function reportFor(seed: number, effects: PlantedEffects): Promise<OutcomesReport> {
  const database = await openDatabase('sqlite::memory:', { timeZone: TIME_ZONE });
  try {
    const history = generateCompanyHistory(seed, effects);
    await database.calls.saveTranscripts(history.transcripts.map((transcript) => ({ transcript, searchText: '' })));
    await database.evaluations.saveEvaluations(history.evaluations);
    await database.callLogs.saveRecords(history.callLog.map((record) => ({ record, fileName: 'log.csv', managerName: record.manager, queueTeam: null })));
    await database.outcomes.saveNpsAnswers(history.answers, 'nps.csv');
    await database.outcomes.saveDeals(history.deals, 'deals.csv');
    const followThrough = defaultFollowThroughSettings(TIME_ZONE);
    await runFollowThrough(database, followThrough, history.now, logger);
    const service = new OutcomesService({ database, followThrough, outcomes: defaultOutcomesSettings(), timeZone: TIME_ZONE, now: () => new Date(history.now) });
    return await service.report(SYSTEM_VIEWER, { since: history.since });
  } finally {
    await database.close();
  }
}

const percent = (value: number) => (value * 100).toFixed(1);

function describeDriver(report: OutcomesReport, outcome: 'detractors' | 'noRepeatPurchase', feature: string): string {
  const driver = report.drivers[outcome].drivers.find((candidate) => candidate.feature === feature);
  if (driver === undefined) return 'absent';
  const { withFeature, withoutFeature, rateDifference } = driver;
  return `${driver.verdict}: ${percent(withFeature.estimate)}% of ${withFeature.n} vs ${percent(withoutFeature.estimate)}% of ${withoutFeature.n}, difference ${percent(rateDifference.estimate)} pp [${percent(rateDifference.low)}; ${percent(rateDifference.high)}]`;
}

function falseClaims(report: OutcomesReport, planted: Record<'detractors' | 'noRepeatPurchase', string | null>): string[] {
  return (['detractors', 'noRepeatPurchase'] as const).flatMap((outcome) =>
    report.drivers[outcome].drivers
      .filter((driver) => (driver.verdict === 'worse' || driver.verdict === 'better') && driver.feature !== planted[outcome])
      .map((driver) => `${outcome}:${driver.feature}`),
  );
}

let recovered = 0;
let plantedFalse = 0;
let nullFalse = 0;
let nullTrend = 0;
for (let seed = 1; seed <= seeds; seed += 1) {
  const report = await reportFor(seed * 101, PLANTED);
  const detractors = describeDriver(report, 'detractors', 'finding:question_ignored');
  const purchases = describeDriver(report, 'noRepeatPurchase', 'finding:promise_not_kept');
  if (detractors.startsWith('worse') && purchases.startsWith('worse')) recovered += 1;
  const claims = falseClaims(report, { detractors: 'finding:question_ignored', noRepeatPurchase: 'finding:promise_not_kept' });
  plantedFalse += claims.length;
  const trend = report.trends?.nps.find((row) => row.group === 'all')?.trend;
  console.log(`planted seed ${seed * 101}: question_ignored → detractor ${detractors}`);
  console.log(`  promise_not_kept → no repeat purchase ${purchases}`);
  console.log(`  NPS index ${trend?.before.npsIndex.toFixed(1)} → ${trend?.after.npsIndex.toFixed(1)} (${trend?.verdict}); kept promises ${percent(report.totals.promises.keptRate?.estimate ?? Number.NaN)}%; other claims: ${claims.join(', ') || 'none'}`);
}
for (let seed = 1; seed <= seeds; seed += 1) {
  const report = await reportFor(seed * 103, NOTHING_PLANTED);
  const claims = falseClaims(report, { detractors: null, noRepeatPurchase: null });
  nullFalse += claims.length > 0 ? 1 : 0;
  const trend = report.trends?.nps.find((row) => row.group === 'all')?.trend.verdict;
  if (trend === 'up' || trend === 'down') nullTrend += 1;
  console.log(`nothing planted seed ${seed * 103}: claims ${claims.join(', ') || 'none'}; NPS trend ${trend}; features tested ${report.drivers.detractors.testedFeatures} and ${report.drivers.noRepeatPurchase.testedFeatures}`);
}
console.log(`\nplanted effects recovered in ${recovered} of ${seeds} histories; claims beside them: ${plantedFalse}`);
console.log(`histories with nothing planted that got any claimed driver: ${nullFalse} of ${seeds}; a claimed NPS trend: ${nullTrend} of ${seeds}`);
