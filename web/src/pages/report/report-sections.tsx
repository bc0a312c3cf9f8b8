import { Anchor, Badge, Card, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';

import type { ComparisonResponse, ProblemCallsResponse, TrendsResponse } from '../../../../src/server/schemas/reports.schemas.ts';
import { useReference } from '../../api/directory.api.ts';
import { useSession } from '../../auth/session-context.tsx';
import { EChart } from '../../components/echart.tsx';
import { ScoreBadge } from '../../components/score-badge.tsx';
import { EmptyState } from '../../components/states.tsx';
import { formatDate, formatDateTime, formatDayMonth, formatNumber, formatScore } from '../../format/russian-format.ts';

/** Weekly average score as a line over the number of evaluated calls as bars. */
export function TrendsSection({ trends }: { trends: TrendsResponse }) {
  const option = useMemo(
    () => ({
      grid: { left: 40, right: 44, top: 36, bottom: 28 },
      legend: { top: 0, itemWidth: 14, itemHeight: 8 },
      tooltip: { trigger: 'axis' },
      xAxis: {
        type: 'category',
        data: trends.weeks.map((week) => formatDayMonth(week.weekStart)),
        axisTick: { show: false },
        // Every other week when they are many, counted from the latest, so the latest week keeps its date.
        axisLabel: { interval: (index: number) => (trends.weeks.length - 1 - index) % (trends.weeks.length > 8 ? 2 : 1) === 0 },
      },
      yAxis: [
        { type: 'value', min: 0, max: 100, interval: 25, name: 'оценка', nameTextStyle: { align: 'left' } },
        { type: 'value', splitLine: { show: false }, name: 'звонки', nameTextStyle: { align: 'right' } },
      ],
      series: [
        {
          name: 'Оценённые звонки',
          type: 'bar',
          yAxisIndex: 1,
          barMaxWidth: 18,
          itemStyle: { color: '#d0e3ff', borderRadius: [3, 3, 0, 0] },
          data: trends.weeks.map((week) => week.evaluatedCalls),
        },
        {
          name: 'Средняя оценка',
          type: 'line',
          smooth: true,
          connectNulls: true,
          symbolSize: 7,
          lineStyle: { width: 3, color: '#136df2' },
          itemStyle: { color: '#136df2' },
          data: trends.weeks.map((week) => (week.averageScore === null ? null : Math.round(week.averageScore))),
        },
      ],
    }),
    [trends],
  );
  return (
    <Card h="100%">
      <Text fw={600}>Динамика по неделям</Text>
      <Text size="xs" c="dimmed" mb={4}>
        Неделя подписана датой понедельника
      </Text>
      <EChart option={option} height={230} ariaLabel="Средняя оценка и число звонков по неделям" />
    </Card>
  );
}

/** Teams and managers side by side: calls, average score, most frequent finding. */
export function ComparisonSection({ comparison }: { comparison: ComparisonResponse }) {
  const [level, setLevel] = useState<'managers' | 'teams'>('managers');
  const reference = useReference();
  const kindTitle = (kind: string | null) => (kind === null ? '—' : (reference.data?.findingKinds.find((item) => item.id === kind)?.title ?? kind));
  const rows =
    level === 'managers'
      ? comparison.managers.map((row) => ({ key: `m${String(row.manager?.id ?? 0)}`, name: row.manager?.name ?? 'Не указан', sub: row.team?.name ?? null, managerId: row.manager?.id ?? null, ...row }))
      : comparison.teams.map((row) => ({ key: `t${String(row.team?.id ?? 0)}`, name: row.team?.name ?? 'Без команды', sub: null, managerId: null, ...row }));
  const sorted = [...rows].sort((a, b) => (b.averageScore ?? -1) - (a.averageScore ?? -1));

  return (
    <Card>
      <Group justify="space-between" mb="xs">
        <Text fw={600}>Сравнение</Text>
        <SegmentedControl
          size="xs"
          value={level}
          onChange={(value) => {
            setLevel(value === 'teams' ? 'teams' : 'managers');
          }}
          data={[
            { value: 'managers', label: 'Менеджеры' },
            { value: 'teams', label: 'Команды' },
          ]}
        />
      </Group>
      {sorted.length === 0 ? (
        <EmptyState title="Нет звонков за период" />
      ) : (
        <Table verticalSpacing={6} fz="sm" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{level === 'managers' ? 'Менеджер' : 'Команда'}</Table.Th>
              <Table.Th ta="right">Звонков</Table.Th>
              <Table.Th ta="center">Оценка</Table.Th>
              <Table.Th>Частая находка</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((row) => (
              <Table.Tr key={row.key} data-testid={`comparison-${row.name}`}>
                <Table.Td>
                  {row.managerId === null ? (
                    <Text size="sm" fw={500}>
                      {row.name}
                    </Text>
                  ) : (
                    <Anchor component={Link} to={`/managers/${String(row.managerId)}`} size="sm" fw={500}>
                      {row.name}
                    </Anchor>
                  )}
                  {row.sub !== null && (
                    <Text size="xs" c="dimmed">
                      {row.sub}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">{formatNumber(row.evaluatedCalls)}</Table.Td>
                <Table.Td ta="center">
                  <ScoreBadge score={row.averageScore} size="sm" />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={1}>
                    {kindTitle(row.topFinding)}
                    {row.topFinding !== null && (
                      <Text span c="dimmed" size="xs">
                        {' '}
                        · {formatNumber(row.findings[row.topFinding] ?? 0)}
                      </Text>
                    )}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

const REASON_TITLES = { low_score: 'низкая оценка', critical_finding: 'критичная находка' } as const;

/** Today's calls that scored below the threshold or have a critical finding. */
export function ProblemCallsSection({
  problems,
  day,
  onDayChange,
}: {
  problems: ProblemCallsResponse;
  day: 'today' | 'yesterday';
  onDayChange: (day: 'today' | 'yesterday') => void;
}) {
  const { timeZone } = useSession();
  return (
    <Card>
      <Group justify="space-between" mb={2} wrap="nowrap">
        <Text fw={600}>Проблемные звонки за {formatDate(problems.date)}</Text>
        <SegmentedControl
          size="xs"
          value={day}
          onChange={(value) => {
            onDayChange(value === 'yesterday' ? 'yesterday' : 'today');
          }}
          data={[
            { value: 'today', label: 'Сегодня' },
            { value: 'yesterday', label: 'Вчера' },
          ]}
        />
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        Оценка ниже {formatScore(problems.threshold)} или критичная находка
      </Text>
      {problems.items.length === 0 ? (
        <EmptyState title="Проблемных звонков нет">Звонков с оценкой ниже порога или с критичными находками за этот день не было.</EmptyState>
      ) : (
        <Stack gap={0}>
          {problems.items.slice(0, 12).map((item) => (
            <Group
              key={item.id}
              gap="sm"
              wrap="nowrap"
              align="flex-start"
              py={8}
              style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
              data-testid="problem-call"
            >
              <ScoreBadge score={item.score} size="md" />
              {/* The name and the quotes get the card's whole width; the reasons sit on a line of their own. */}
              <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
                <Group gap="xs" wrap="nowrap">
                  <Anchor component={Link} to={`/calls/${encodeURIComponent(item.id)}`} size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(item.startedAt, timeZone)}
                  </Anchor>
                  <Text size="sm" truncate title={item.manager?.name} data-testid="problem-call-manager">
                    {item.manager?.name ?? 'Менеджер не указан'}
                  </Text>
                </Group>
                <Group gap={4}>
                  {item.reasons.map((reason) => (
                    <Badge key={reason} size="xs" variant="light" color={reason === 'critical_finding' ? 'red' : 'yellow'}>
                      {REASON_TITLES[reason]}
                    </Badge>
                  ))}
                </Group>
                {item.criticalFindings.length === 0 ? (
                  <Text size="xs" c="dimmed">
                    Оценка ниже порога
                  </Text>
                ) : (
                  item.criticalFindings.map((finding) => (
                    <Text key={`${finding.kind}@${String(finding.turn)}`} size="xs" c="dimmed" lineClamp={2} title={`${finding.title}: «${finding.quote}»`} data-testid="problem-call-finding">
                      {finding.title}: «{finding.quote}»
                    </Text>
                  ))
                )}
              </Stack>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
