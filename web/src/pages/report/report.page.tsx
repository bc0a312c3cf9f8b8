import { Card, Grid, Group, MultiSelect, SegmentedControl, SimpleGrid, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';

import { useTeams } from '../../api/directory.api.ts';
import { useCauses, useComparison, useProblemCalls, useTrends } from '../../api/reports.api.ts';
import { useSession } from '../../auth/session-context.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ScoreBadge } from '../../components/score-badge.tsx';
import { ErrorState, LoadingState } from '../../components/states.tsx';
import { formatNumber } from '../../format/russian-format.ts';
import { CausesSection } from './causes-section.tsx';
import { periodRange } from './report-period.ts';
import type { PeriodId } from './report-period.ts';
import { ComparisonSection, ProblemCallsSection, TrendsSection } from './report-sections.tsx';

const PERIOD_TITLES: Record<PeriodId, string> = { '7': '7 дней', '30': '30 дней', '90': '90 дней' };

export function ReportPage() {
  const { timeZone } = useSession();
  const [params, setParams] = useSearchParams();
  const periodParam = params.get('period');
  const period: PeriodId = periodParam === '7' || periodParam === '90' ? periodParam : '30';
  const teamId = params.getAll('teamId');
  const teams = useTeams();

  // The team list is a new array on every render, so the query is keyed by its joined value.
  const teamKey = teamId.join(',');
  const filter = useMemo(() => ({ ...periodRange(period), teamId: teamKey === '' ? [] : teamKey.split(','), timeZone }), [period, teamKey, timeZone]);
  const causes = useCauses(filter);
  const comparison = useComparison(filter);
  const trends = useTrends({ weeks: 12, teamId, timeZone });
  const problems = useProblemCalls({ teamId, timeZone });

  const update = (key: string, values: string[]) => {
    const next = new URLSearchParams(params);
    next.delete(key);
    values.forEach((value) => {
      next.append(key, value);
    });
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="Отчёт руководителя отдела продаж"
        description="Почему уходят клиенты, кто в команде проседает и какие звонки разобрать сегодня"
        actions={
          <Group gap="xs" wrap="nowrap">
            {(teams.data?.items.length ?? 0) > 1 && (
              <MultiSelect
                size="xs"
                w={220}
                placeholder={teamId.length === 0 ? 'Все команды' : undefined}
                data={(teams.data?.items ?? []).map((team) => ({ value: String(team.id), label: team.name }))}
                value={teamId}
                onChange={(values) => {
                  update('teamId', values);
                }}
                clearable
                aria-label="Команды"
              />
            )}
            <SegmentedControl
              size="xs"
              value={period}
              onChange={(value) => {
                update('period', value === '30' ? [] : [value]);
              }}
              data={(['7', '30', '90'] as const).map((value) => ({ value, label: PERIOD_TITLES[value] }))}
              aria-label="Период"
            />
          </Group>
        }
      />
      {causes.isError && <ErrorState error={causes.error} onRetry={() => void causes.refetch()} />}
      {causes.isPending && <LoadingState rows={8} />}
      {causes.data !== undefined && (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <SimpleGrid cols={2} spacing="md" mb="md">
              <Card>
                <Text size="xs" c="dimmed">
                  Оценено звонков
                </Text>
                <Text fz={26} fw={700} lh={1.2}>
                  {formatNumber(causes.data.evaluatedCalls)}
                </Text>
                <Text size="xs" c="dimmed">
                  за {PERIOD_TITLES[period]}
                </Text>
              </Card>
              <Card>
                <Text size="xs" c="dimmed">
                  Средняя оценка
                </Text>
                <ScoreBadge score={causes.data.averageScore} size="xl" />
              </Card>
            </SimpleGrid>
            {problems.data !== undefined && <ProblemCallsSection problems={problems.data} />}
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <CausesSection causes={causes.data} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 6 }}>{trends.data !== undefined && <TrendsSection trends={trends.data} />}</Grid.Col>
          <Grid.Col span={{ base: 12, lg: 6 }}>{comparison.data !== undefined && <ComparisonSection comparison={comparison.data} />}</Grid.Col>
        </Grid>
      )}
    </>
  );
}
