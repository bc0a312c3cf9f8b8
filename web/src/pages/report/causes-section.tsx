import { Anchor, Badge, Card, Group, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

import type { CausesResponse } from '../../../../src/server/schemas/reports.schemas.ts';
import { useSession } from '../../auth/session-context.tsx';
import { EChart } from '../../components/echart.tsx';
import { ScoreBadge } from '../../components/score-badge.tsx';
import { EmptyState } from '../../components/states.tsx';
import { countOf, formatChange, formatDate, formatNumber, formatShare } from '../../format/russian-format.ts';
import { causeBars } from './cause-bars.ts';

type Cause = CausesResponse['causes'][number];
const CALL_FORMS = ['звонок', 'звонка', 'звонков'] as const;
const CAUSE_FORMS = ['причина', 'причины', 'причин'] as const;

/** Why clients leave: finding kinds ranked by how often they happen or by how much they cost a call. */
export function CausesSection({ causes }: { causes: CausesResponse }) {
  const [rank, setRank] = useState<'frequency' | 'impact'>('frequency');
  const [selected, setSelected] = useState<string | null>(null);
  const { sorted, shown, hidden, notLowering } = useMemo(() => causeBars(causes.causes, rank), [causes, rank]);
  const active = sorted.find((cause) => cause.kind === selected) ?? shown[0] ?? null;

  const option = useMemo(() => {
    const reversed = [...shown].reverse();
    return {
      grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'item', formatter: (params: { dataIndex: number }) => causeTooltip(reversed[params.dataIndex]) },
      xAxis: { type: 'value', show: false },
      yAxis: { type: 'category', data: reversed.map((cause) => cause.title), axisTick: { show: false }, axisLine: { show: false }, axisLabel: { fontSize: 12 } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 20,
          data: reversed.map((cause) => ({
            value: rank === 'frequency' ? Math.round(cause.frequency * 1000) / 10 : Math.round((cause.scoreGap ?? 0) * 10) / 10,
            itemStyle: { color: cause.kind === active?.kind ? '#e8590c' : '#fd7e14', borderRadius: [0, 4, 4, 0] },
          })),
          label: {
            show: true,
            position: 'right',
            // A gap below zero means calls with the finding scored higher, so the label shows a plus.
            formatter: (params: { value: number }) => (rank === 'frequency' ? formatShare(params.value / 100) : formatChange(-params.value)),
          },
        },
      ],
    };
  }, [shown, rank, active]);

  if (causes.causes.length === 0) {
    return (
      <Card>
        <Text fw={600}>Причины потери клиентов</Text>
        <EmptyState title="За период нет находок">Либо звонков ещё нет, либо менеджеры работают без ошибок.</EmptyState>
      </Card>
    );
  }

  return (
    <Card>
      <Group justify="space-between" mb="xs">
        <Stack gap={0}>
          <Text fw={600}>Причины потери клиентов</Text>
          <Text size="xs" c="dimmed">
            {rank === 'frequency' ? 'Доля оценённых звонков с этой находкой' : 'На сколько баллов ниже оценка звонков с этой находкой'}
          </Text>
        </Stack>
        <SegmentedControl
          size="xs"
          value={rank}
          onChange={(value) => {
            setRank(value === 'impact' ? 'impact' : 'frequency');
          }}
          data={[
            { value: 'frequency', label: 'По частоте' },
            { value: 'impact', label: 'По влиянию на оценку' },
          ]}
        />
      </Group>
      <EChart
        option={option}
        height={Math.max(160, shown.length * 34)}
        ariaLabel="Причины потери клиентов"
        onPointClick={(index) => {
          setSelected([...shown].reverse()[index]?.kind ?? null);
        }}
      />
      {(hidden > 0 || notLowering.length > 0) && (
        <Text size="xs" c="dimmed" mb="xs" data-testid="causes-not-shown">
          {hidden > 0 && `Ещё ${countOf(hidden, CAUSE_FORMS)} — в списке «Примеры». `}
          {notLowering.length > 0 && `Оценку не снижают: ${notLowering.map((cause) => cause.title).join(', ')}.`}
        </Text>
      )}
      {active !== null && (
        <CauseExamples
          cause={active}
          picker={
            // The bars are clickable, and this list reaches every cause from the keyboard too.
            <Select
              size="xs"
              w={300}
              aria-label="Причина, примеры которой показаны"
              data={sorted.map((cause) => ({ value: cause.kind, label: cause.title }))}
              value={active.kind}
              allowDeselect={false}
              onChange={(value) => {
                setSelected(value);
              }}
              data-testid="cause-picker"
            />
          }
        />
      )}
    </Card>
  );
}

function causeTooltip(cause: Cause | undefined): string {
  if (cause === undefined) {
    return '';
  }
  const gap = cause.scoreGap === null || cause.scoreGap === 0 ? '' : `<br/>Оценка ${cause.scoreGap > 0 ? 'ниже' : 'выше'} на ${formatNumber(Math.abs(cause.scoreGap), 1)}`;
  return `<b>${cause.title}</b><br/>${countOf(cause.callsWith, CALL_FORMS)} (${formatShare(cause.frequency)})${gap}`;
}

function CauseExamples({ cause, picker }: { cause: Cause; picker: ReactNode }) {
  const { timeZone } = useSession();
  return (
    <Stack gap={4} mt="sm" data-testid="cause-examples">
      <Group gap="xs">
        <Text size="sm" fw={600}>
          Примеры:
        </Text>
        {picker}
        <Badge variant="light" color="orange">
          {countOf(cause.callsWith, CALL_FORMS)}
        </Badge>
        {cause.averageScoreWith !== null && cause.averageScoreWithout !== null && (
          <Text size="xs" c="dimmed">
            средняя оценка {formatNumber(cause.averageScoreWith)} против {formatNumber(cause.averageScoreWithout)} без этой находки
          </Text>
        )}
      </Group>
      <Table verticalSpacing={4} fz="sm">
        <Table.Tbody>
          {cause.examples.slice(0, 4).map((example, index) => (
            <Table.Tr key={index}>
              <Table.Td w={96}>
                <Anchor component={Link} to={`/calls/${encodeURIComponent(example.callId)}?turn=${String(example.turn)}`} size="sm">
                  {formatDate(example.callStartedAt, timeZone)}
                </Anchor>
              </Table.Td>
              <Table.Td w={170}>
                <Text size="sm" lineClamp={1}>
                  {example.manager?.name ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                {example.interruptedClient !== null && (
                  <Text size="sm" c="dimmed" lineClamp={1} title={example.interruptedClient.quote} data-testid="interrupted-client">
                    Клиент: <Text span fs="italic">«{example.interruptedClient.quote}»</Text>
                  </Text>
                )}
                <Text size="sm" fs="italic" lineClamp={1} title={example.quote}>
                  {example.interruptedClient !== null && (
                    <Text span c="dimmed" fs="normal">
                      Менеджер перебил:{' '}
                    </Text>
                  )}
                  «{example.quote}»
                </Text>
              </Table.Td>
              <Table.Td w={56} ta="right">
                <ScoreBadge score={example.score} size="sm" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
