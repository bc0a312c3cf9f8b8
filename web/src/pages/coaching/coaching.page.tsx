import { Anchor, Badge, Card, Grid, Group, Paper, SegmentedControl, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowDownRight, IconArrowLeft, IconArrowUpRight, IconBulb, IconMinus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';

import type { CoachingResponse } from '../../../../src/server/schemas/reports.schemas.ts';
import { useCoaching } from '../../api/reports.api.ts';
import { useSession } from '../../auth/session-context.tsx';
import { EChart } from '../../components/echart.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ScoreBadge } from '../../components/score-badge.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { countOf, formatChange, plural, formatClock, formatDate, formatDayMonth, formatNumber, formatScore, formatShare } from '../../format/russian-format.ts';
import { FollowThroughCard } from './follow-through-card.tsx';

const CALL_FORMS = ['звонок', 'звонка', 'звонков'] as const;
/** After «по» meaning «over N calls»: по 1 звонку, по 3 звонкам, по 5 звонкам, по 21 звонку. */
const CALL_DATIVE_FORMS = ['звонку', 'звонкам', 'звонкам'] as const;
/** After «за»: за 1 неделю, за 4 недели, за 8 недель. */
const WEEK_ACCUSATIVE_FORMS = ['неделю', 'недели', 'недель'] as const;
const POINT_FORMS = ['балл', 'балла', 'баллов'] as const;

/** «3 балла», «15,8 балла», «5 баллов»: the points as shown, rounded to a tenth, with their noun. */
function pointsOf(value: number): string {
  const points = Math.round(value * 10) / 10;
  return `${formatNumber(points, 1)} ${plural(points, POINT_FORMS)}`;
}

/** «Мой разбор»: the signed-in manager's own page. */
export function MyCoachingPage() {
  const { session } = useSession();
  const manager = session.user.manager;
  if (manager === null) {
    return (
      <>
        <PageHeader title="Мой разбор" />
        <Paper withBorder>
          <EmptyState title="Ваша учётная запись не связана с менеджером">
            Разбор строится по звонкам менеджера. Попросите администратора связать вашу учётную запись с вашей карточкой менеджера на странице «Пользователи».
          </EmptyState>
        </Paper>
      </>
    );
  }
  return <CoachingView managerId={manager.id} own />;
}

/** Shows any manager's review to the head of sales, a QA reviewer or an administrator. */
export function ManagerCoachingPage() {
  const { managerId } = useParams();
  const id = Number(managerId);
  return Number.isInteger(id) && id > 0 ? <CoachingView managerId={id} own={false} /> : <EmptyState title="Менеджер не найден" />;
}

function CoachingView({ managerId, own }: { managerId: number; own: boolean }) {
  const [weeks, setWeeks] = useState('8');
  const coaching = useCoaching(managerId, Number(weeks));

  if (coaching.isPending) {
    return <LoadingState rows={10} />;
  }
  if (coaching.isError) {
    return <ErrorState error={coaching.error} onRetry={() => void coaching.refetch()} />;
  }
  const data = coaching.data;
  const thisWeek = data.weeks.at(-1);
  const periodCalls = data.weeks.reduce((sum, week) => sum + week.evaluatedCalls, 0);

  return (
    <>
      {!own && (
        <Anchor component={Link} to="/report" size="sm" c="dimmed">
          <Group gap={4}>
            <IconArrowLeft size={14} />
            Отчёт РОП
          </Group>
        </Anchor>
      )}
      <PageHeader
        title={own ? 'Мой разбор' : `Разбор: ${data.manager.name}`}
        description={`${data.manager.team === null ? '' : `${data.manager.team.name} · `}${countOf(periodCalls, CALL_FORMS)} за ${countOf(Number(weeks), WEEK_ACCUSATIVE_FORMS)}`}
        actions={
          <SegmentedControl
            size="xs"
            value={weeks}
            onChange={setWeeks}
            data={[
              { value: '4', label: '4 недели' },
              { value: '8', label: '8 недель' },
              { value: '26', label: 'Полгода' },
            ]}
          />
        }
      />
      <Grid gap="md" mb="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <SimpleGrid cols={1} spacing="md">
            <Card>
              <Text size="sm" c="dimmed">
                Средняя оценка на этой неделе
              </Text>
              <Group gap="sm" mt={6} align="center">
                <ScoreBadge score={thisWeek?.averageScore ?? null} size="xl" />
                <ScoreChange change={data.scoreChange} />
              </Group>
              <Text size="xs" c="dimmed" mt={6}>
                {thisWeek === undefined || thisWeek.evaluatedCalls === 0 ? 'На этой неделе оценённых звонков ещё нет' : `по ${countOf(thisWeek.evaluatedCalls, CALL_DATIVE_FORMS)}`}
              </Text>
            </Card>
            <Card>
              <Text size="sm" c="dimmed">
                Над чем работать
              </Text>
              {data.focus.length === 0 ? (
                <Text fw={650} mt={4}>
                  Серьёзных повторяющихся ошибок нет — так держать!
                </Text>
              ) : (
                <Stack gap={2} mt={4}>
                  {data.focus.map((item, index) => (
                    <Text key={index} size="sm" fw={600} lineClamp={2}>
                      {index + 1}. {item.title}
                    </Text>
                  ))}
                </Stack>
              )}
            </Card>
          </SimpleGrid>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Card h="100%">
            <Text fw={600} mb={4}>
              Оценка по неделям
            </Text>
            <ScoreChart weeks={data.weeks} />
          </Card>
        </Grid.Col>
      </Grid>
      {data.weeks[0] !== undefined && <FollowThroughCard managerId={managerId} from={data.weeks[0].weekStart} />}
      <Title order={3} fz={18} mb="sm">
        {data.focus.length > 1 ? `${data.focus.length === 2 ? 'Два поведения' : 'Три поведения'}, с которых стоит начать` : 'С чего начать'}
      </Title>
      {data.focus.length === 0 ? (
        <Paper withBorder>
          <EmptyState title="Повторяющихся ошибок не найдено">Продолжайте в том же духе: новые рекомендации появятся, если okk заметит повторяющуюся ошибку.</EmptyState>
        </Paper>
      ) : (
        <Stack gap="md">
          {data.focus.map((item, index) => (
            <FocusCard key={index} item={item} rank={index + 1} />
          ))}
        </Stack>
      )}
    </>
  );
}

function ScoreChange({ change }: { change: number | null }) {
  if (change === null) {
    return (
      <Text size="sm" c="dimmed">
        нет данных за прошлую неделю
      </Text>
    );
  }
  const rounded = Math.round(change * 10) / 10;
  let icon = <IconMinus size={16} />;
  let color = 'gray';
  if (rounded > 0) {
    icon = <IconArrowUpRight size={16} />;
    color = 'teal';
  } else if (rounded < 0) {
    icon = <IconArrowDownRight size={16} />;
    color = 'red';
  }
  return (
    <Badge variant="light" color={color} size="lg" leftSection={icon}>
      {formatChange(rounded)} к прошлой неделе
    </Badge>
  );
}

function ScoreChart({ weeks }: { weeks: CoachingResponse['weeks'] }) {
  const option = useMemo(
    () => ({
      grid: { left: 36, right: 16, top: 20, bottom: 28 },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (value: unknown) => (typeof value === 'number' ? formatScore(value) : '—'),
      },
      xAxis: { type: 'category', data: weeks.map((week) => `с ${formatDayMonth(week.weekStart)}`), axisTick: { show: false } },
      yAxis: { type: 'value', min: 0, max: 100, interval: 25 },
      series: [
        {
          name: 'Средняя оценка',
          type: 'line',
          smooth: true,
          connectNulls: true,
          symbolSize: 8,
          data: weeks.map((week) => (week.averageScore === null ? null : Math.round(week.averageScore))),
          lineStyle: { width: 3, color: '#136df2' },
          itemStyle: { color: '#136df2' },
          areaStyle: { color: 'rgba(19, 109, 242, 0.08)' },
          markLine: { silent: true, symbol: 'none', lineStyle: { color: '#fa5252', type: 'dashed' }, label: { formatter: 'порог 60', position: 'insideEndTop' }, data: [{ yAxis: 60 }] },
        },
      ],
    }),
    [weeks],
  );
  return <EChart option={option} height={200} ariaLabel="График средней оценки по неделям" />;
}

function FocusCard({ item, rank }: { item: CoachingResponse['focus'][number]; rank: number }) {
  const { timeZone } = useSession();
  const trend = item.thisWeek - item.lastWeek;
  return (
    <Card data-testid="focus-behaviour">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <ThemeIcon size={32} radius="xl" variant="light">
            <Text fw={700}>{rank}</Text>
          </ThemeIcon>
          <Stack gap={2}>
            <Text fw={650} size="lg">
              {item.title}
            </Text>
            <Text size="sm" c="dimmed">
              В {formatShare(item.frequency)} звонков ({countOf(item.callsWith, CALL_FORMS)}) · стоит звонку в среднем {pointsOf(Math.abs(item.impact))}
            </Text>
          </Stack>
        </Group>
        <Badge variant="light" color={trend > 0 ? 'red' : trend < 0 ? 'teal' : 'gray'} style={{ flexShrink: 0 }}>
          {`на этой неделе ${formatNumber(item.thisWeek)}, на прошлой ${formatNumber(item.lastWeek)}`}
        </Badge>
      </Group>
      <Group gap="xs" mt="sm" wrap="nowrap" align="flex-start" p="xs" bg="brand.0" style={{ borderRadius: 8 }}>
        <IconBulb size={18} color="var(--mantine-color-brand-7)" style={{ flexShrink: 0, marginTop: 2 }} />
        <Text size="sm">{item.recommendation}</Text>
      </Group>
      {item.fragments.length > 0 && (
        <Stack gap={6} mt="sm">
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            Где это было
          </Text>
          {item.fragments.map((fragment, index) => (
            <Group key={index} gap="sm" wrap="nowrap" align="flex-start">
              <Anchor
                component={Link}
                to={`/calls/${encodeURIComponent(fragment.callId)}?turn=${String(fragment.turn)}`}
                size="sm"
                style={{ whiteSpace: 'nowrap' }}
              >
                {formatDate(fragment.callStartedAt, timeZone)}
                {fragment.startSec !== null && `, на ${formatClock(fragment.startSec)}`}
              </Anchor>
              <Text size="sm" style={{ minWidth: 0 }}>
                {fragment.interruptedClient !== null && (
                  <Text span c="dimmed" data-testid="interrupted-client">
                    Клиент говорил: <Text span fs="italic">«{fragment.interruptedClient.quote}»</Text>, и его перебили:{' '}
                  </Text>
                )}
                {fragment.quote !== '' && (
                  <Text span fs="italic">
                    «{fragment.quote}»{fragment.explanation === '' ? '' : ' — '}
                  </Text>
                )}
                <Text span c="dimmed">
                  {fragment.explanation}
                </Text>
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
