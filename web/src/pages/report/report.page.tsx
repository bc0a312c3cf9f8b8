import { Button, Card, Grid, Group, MultiSelect, SegmentedControl, SimpleGrid, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';

import type { CausesResponse } from '../../../../src/server/schemas/reports.schemas.ts';
import { useTeams } from '../../api/directory.api.ts';
import { buildUrl } from '../../api/http-client.ts';
import { useOutcomes } from '../../api/outcomes.api.ts';
import { useCauses, useComparison, useProblemCalls, useTrends } from '../../api/reports.api.ts';
import { useSession } from '../../auth/session-context.tsx';
import { DateRangeInput } from '../../components/date-range-input.tsx';
import { renderFullPill } from '../../components/full-pill.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ScoreBadge } from '../../components/score-badge.tsx';
import { ErrorState, LoadingState } from '../../components/states.tsx';
import { dateInZone, formatDate, formatNumber, formatShare } from '../../format/russian-format.ts';
import { CausesSection } from './causes-section.tsx';
import { OutcomeDriversSection } from './outcome-drivers-section.tsx';
import { periodRange, readPeriod } from './report-period.ts';
import type { PeriodId, ReportPeriod } from './report-period.ts';
import { ComparisonSection, ProblemCallsSection, TrendsSection } from './report-sections.tsx';

const PERIOD_TITLES: Record<PeriodId, string> = { '7': '7 дней', '30': '30 дней', '90': '90 дней' };

/** Weeks of the trend chart, and of the «По неделям» sheet of the Excel export. */
const TREND_WEEKS = 12;

/** Returns the cause that happens most often. */
function topCause(causes: CausesResponse): CausesResponse['causes'][number] | undefined {
  return causes.causes.find((cause) => cause.rankByFrequency === 1) ?? causes.causes[0];
}

function periodTitle(period: ReportPeriod): string {
  return period.kind === 'custom' ? `${formatDate(period.from)} — ${formatDate(period.to)}` : `за ${PERIOD_TITLES[period.days]}`;
}

export function ReportPage() {
  const { timeZone } = useSession();
  const [params, setParams] = useSearchParams();
  const period = readPeriod(params);
  const teamId = params.getAll('teamId');
  const teams = useTeams();

  // Query keys are compared by value, so a new filter object on every render does not refetch.
  const filter = { ...periodRange(period), teamId, timeZone };
  const causes = useCauses(filter);
  const comparison = useComparison(filter);
  const outcomes = useOutcomes({ from: filter.from, to: filter.to, teamId: teamId.length === 1 ? teamId[0] : undefined });
  const trends = useTrends({ weeks: TREND_WEEKS, teamId, timeZone });
  const problemDay = params.get('day') === 'yesterday' ? 'yesterday' : 'today';
  const problems = useProblemCalls({ teamId, timeZone, date: dateInZone(timeZone, problemDay === 'yesterday' ? -1 : 0) });

  const update = (changes: Record<string, string[]>) => {
    const next = new URLSearchParams(params);
    for (const [key, values] of Object.entries(changes)) {
      next.delete(key);
      values.forEach((value) => {
        next.append(key, value);
      });
    }
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="Отчёт руководителя отдела продаж"
        description="Почему уходят клиенты и какие звонки разобрать сегодня"
        actions={
          <Group gap="xs" wrap="nowrap">
            {(teams.data?.items.length ?? 0) > 1 && (
              <MultiSelect
                renderPill={renderFullPill}
                size="xs"
                w={220}
                placeholder={teamId.length === 0 ? 'Все команды' : undefined}
                data={(teams.data?.items ?? []).map((team) => ({ value: String(team.id), label: team.name }))}
                value={teamId}
                onChange={(values) => {
                  update({ teamId: values });
                }}
                clearable
                aria-label="Команды"
              />
            )}
            <SegmentedControl
              size="xs"
              value={period.kind === 'custom' ? '' : period.days}
              onChange={(value) => {
                update({ period: value === '30' ? [] : [value], from: [], to: [] });
              }}
              data={(['7', '30', '90'] as const).map((value) => ({ value, label: PERIOD_TITLES[value] }))}
              aria-label="Период"
            />
            <DateRangeInput
              size="xs"
              w={200}
              placeholder="Свой период"
              valueFormat="DD.MM.YYYY"
              aria-label="Свой период"
              allowSingleDateInRange
              value={period.kind === 'custom' ? [period.from, period.to] : [null, null]}
              onApply={(from, to) => {
                if (from !== null && to !== null) {
                  update({ period: [], from: [from], to: [to] });
                }
              }}
            />
            {/* A plain link, so the browser sends the session cookie and saves the file itself. */}
            <Button component="a" href={buildUrl('/reports/export.xlsx', { ...filter, weeks: TREND_WEEKS })} size="xs" variant="default" leftSection={<IconDownload size={14} />}>
              Выгрузить в Excel
            </Button>
          </Group>
        }
      />
      {causes.isError && <ErrorState error={causes.error} onRetry={() => void causes.refetch()} />}
      {causes.isPending && <LoadingState rows={8} />}
      {causes.data !== undefined && (
        <>
          <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="md" mb="md">
            <Card>
              <Text size="xs" c="dimmed">
                Оценено звонков
              </Text>
              <Text fz={26} fw={700} lh={1.2}>
                {formatNumber(causes.data.evaluatedCalls)}
              </Text>
              <Text size="xs" c="dimmed">
                {periodTitle(period)}
              </Text>
            </Card>
            <Card>
              <Text size="xs" c="dimmed">
                Средняя оценка
              </Text>
              <Group gap="xs" mt={4}>
                <ScoreBadge score={causes.data.averageScore} size="xl" />
              </Group>
            </Card>
            <Card>
              <Text size="xs" c="dimmed">
                Проблемных звонков за {problems.data === undefined ? 'день' : formatDate(problems.data.date)}
              </Text>
              <Text fz={26} fw={700} lh={1.2} c={(problems.data?.items.length ?? 0) > 0 ? 'red.7' : 'dark'}>
                {problems.data === undefined ? '—' : formatNumber(problems.data.items.length)}
              </Text>
              <Text size="xs" c="dimmed">
                оценка ниже {formatNumber(problems.data?.threshold ?? 60)} или критичная находка
              </Text>
            </Card>
            <Card>
              <Text size="xs" c="dimmed">
                Главная причина потерь
              </Text>
              <Text fz={18} fw={700} lh={1.3} lineClamp={1}>
                {topCause(causes.data)?.title ?? 'нет находок'}
              </Text>
              {topCause(causes.data) !== undefined && (
                <Text size="xs" c="dimmed">
                  в {formatShare(topCause(causes.data)?.frequency ?? 0)} звонков
                </Text>
              )}
            </Card>
          </SimpleGrid>
          <Grid gap="md">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <CausesSection causes={causes.data} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>{problems.data !== undefined && (
                <ProblemCallsSection
                  problems={problems.data}
                  day={problemDay}
                  onDayChange={(day) => {
                    update({ day: day === 'today' ? [] : [day] });
                  }}
                />
              )}</Grid.Col>
            <Grid.Col span={{ base: 12, lg: 6 }}>{trends.data !== undefined && <TrendsSection trends={trends.data} />}</Grid.Col>
            <Grid.Col span={{ base: 12, lg: 6 }}>{comparison.data !== undefined && <ComparisonSection comparison={comparison.data} />}</Grid.Col>
            {outcomes.data !== undefined && (outcomes.data.drivers.detractors.units > 0 || outcomes.data.drivers.noRepeatPurchase.units > 0) && (
              <Grid.Col span={12}>
                <OutcomeDriversSection outcomes={outcomes.data} />
              </Grid.Col>
            )}
          </Grid>
        </>
      )}
    </>
  );
}
