import { Anchor, Badge, Box, Button, Group, Menu, Paper, Select, Stack, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import {
  IconArrowDown,
  IconArrowUp,
  IconArrowsSort,
  IconChevronDown,
  IconChevronLeft,
  IconChevronRight,
  IconDownload,
  IconFileSpreadsheet,
  IconFileTypeCsv,
  IconPhoneIncoming,
  IconPhoneOutgoing,
} from '@tabler/icons-react';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';

import type { CallSummaryView } from '../../../../src/server/schemas/calls.schemas.ts';
import { useCallList } from '../../api/calls.api.ts';
import { useReference } from '../../api/directory.api.ts';
import { useSession } from '../../auth/session-context.tsx';
import { SEVERITY_COLORS, SEVERITY_TITLES } from '../../components/labels.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ScoreBadge, scoreColor } from '../../components/score-badge.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { countOf, formatClock, formatDateTime, formatNumber } from '../../format/russian-format.ts';
import { exportUrl, readFilters, toApiQuery, writeFilters } from './call-filters.ts';
import type { CallFilters } from './call-filters.ts';
import { CallsFilterBar } from './calls-filter-bar.tsx';

const CALL_FORMS = ['звонок', 'звонка', 'звонков'] as const;
const FINDING_FORMS = ['находка', 'находки', 'находок'] as const;

/**
 * Widest name in the list, in pixels. Names stay on one line, because a name that may wrap lets the table
 * squeeze its column to the longest word («Марина…»). A longer name is cut, and its title shows it in full.
 */
const NAME_MAX_WIDTH = 260;

export function CallsPage() {
  const { session, timeZone } = useSession();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const cursor = params.get('cursor');
  // Cursors of the pages before this one, for «Назад»; a reload starts the history anew.
  const [previous, setPrevious] = useState<(string | null)[]>([]);
  const calls = useCallList(toApiQuery(filters, cursor));
  const navigate = useNavigate();
  const reference = useReference();
  const isManager = session.user.role === 'manager';
  const findingTitle = (kind: string) => reference.data?.findingKinds.find((item) => item.id === kind)?.title ?? kind;

  const applyFilters = (next: CallFilters) => {
    setPrevious([]);
    setParams(writeFilters(next), { replace: true });
  };

  const goTo = (nextCursor: string | null, history: (string | null)[]) => {
    const next = writeFilters(filters);
    if (nextCursor !== null) {
      next.set('cursor', nextCursor);
    }
    setPrevious(history);
    setParams(next);
    window.scrollTo({ top: 0 });
  };

  const sortBy = (sort: CallFilters['sort']) => {
    // A new column starts with names А→Я and with the latest, longest and highest values first.
    let order: CallFilters['order'] = sort === 'manager' ? 'asc' : 'desc';
    if (filters.sort === sort) {
      // A second click on the same column reverses it.
      order = filters.order === 'desc' ? 'asc' : 'desc';
    }
    applyFilters({ ...filters, sort, order });
  };

  const items = calls.data?.items ?? [];
  const total = calls.data?.total ?? null;
  // A capped total is the server's counting limit: more calls match than it says.
  const capped = calls.data?.totalCapped === true;
  const pageStart = previous.length * filters.limit;

  return (
    <>
      <PageHeader
        title={isManager ? 'Мои звонки' : 'Звонки'}
        description={total === null ? 'Все оценённые звонки с фильтрами; ссылку на выборку можно отправить коллеге' : `Найдено ${capped ? 'более ' : ''}${countOf(total, CALL_FORMS)}`}
        actions={<ExportMenu filters={filters} />}
      />
      <CallsFilterBar filters={filters} onChange={applyFilters} searchLemmas={calls.data?.searchLemmas ?? []} />
      {calls.isError && <ErrorState error={calls.error} onRetry={() => void calls.refetch()} />}
      {calls.isPending && <LoadingState rows={10} />}
      {calls.isSuccess && items.length === 0 && (
        <Paper withBorder>
          <EmptyState title="Звонков не найдено">
            {params.toString() === '' ? 'Загрузите записи или расшифровки на странице «Загрузка» или командой okk analyze.' : 'Измените или сбросьте фильтры.'}
          </EmptyState>
        </Paper>
      )}
      {items.length > 0 && (
        <Paper withBorder style={{ overflow: 'clip', opacity: calls.isPlaceholderData ? 0.6 : 1 }} data-testid="calls-table">
          <Table verticalSpacing={8} horizontalSpacing="md" highlightOnHover={false} stickyHeader>
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <SortableHeader label="Дата и время" field="startedAt" filters={filters} onSort={sortBy} />
                {!isManager && <SortableHeader label="Менеджер" field="manager" filters={filters} onSort={sortBy} />}
                <Table.Th>Клиент</Table.Th>
                <SortableHeader label="Длительность" field="duration" filters={filters} onSort={sortBy} align="right" />
                <SortableHeader label="Оценка" field="score" filters={filters} onSort={sortBy} align="center" />
                <Table.Th>Находки</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((call) => (
                <CallRow
                  key={call.id}
                  call={call}
                  timeZone={timeZone}
                  showManager={!isManager}
                  findingTitle={findingTitle}
                  onOpen={() => void navigate(`/calls/${encodeURIComponent(call.id)}`)}
                />
              ))}
            </Table.Tbody>
          </Table>
          <Group justify="space-between" px="md" py="sm" bg="gray.0">
            <Text size="sm" c="dimmed">
              {`${formatNumber(pageStart + 1)}–${formatNumber(pageStart + items.length)}`}
              {total !== null && ` из ${capped ? 'более чем ' : ''}${formatNumber(total)}`}
            </Text>
            <Group gap="xs">
              <Select
                size="xs"
                w={130}
                aria-label="Звонков на странице"
                data={['25', '50', '100'].map((value) => ({ value, label: `по ${value}` }))}
                value={String(filters.limit)}
                allowDeselect={false}
                onChange={(value) => {
                  applyFilters({ ...filters, limit: Number(value) });
                }}
              />
              <Button
                size="xs"
                variant="default"
                leftSection={<IconChevronLeft size={14} />}
                disabled={previous.length === 0}
                onClick={() => {
                  goTo(previous.at(-1) ?? null, previous.slice(0, -1));
                }}
              >
                Назад
              </Button>
              <Button
                size="xs"
                variant="default"
                rightSection={<IconChevronRight size={14} />}
                disabled={calls.data?.nextCursor === null || calls.data?.nextCursor === undefined}
                onClick={() => {
                  goTo(calls.data?.nextCursor ?? null, [...previous, cursor]);
                }}
              >
                Дальше
              </Button>
            </Group>
          </Group>
        </Paper>
      )}
    </>
  );
}

/**
 * Shows the «Выгрузить» menu: plain links to the export endpoints with the page's filters, so the browser
 * sends the session cookie and saves the file. A rejected export (too many calls) opens the Russian error instead.
 */
function ExportMenu({ filters }: { filters: CallFilters }) {
  return (
    <Menu position="bottom-end" width={300}>
      <Menu.Target>
        <Button size="xs" variant="default" leftSection={<IconDownload size={14} />} rightSection={<IconChevronDown size={14} />}>
          Выгрузить
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Все найденные звонки с текущими фильтрами</Menu.Label>
        <Menu.Item component="a" href={exportUrl(filters, 'xlsx')} leftSection={<IconFileSpreadsheet size={16} />}>
          Excel (.xlsx)
        </Menu.Item>
        <Menu.Item component="a" href={exportUrl(filters, 'csv')} leftSection={<IconFileTypeCsv size={16} />}>
          CSV для Excel (UTF-8)
        </Menu.Item>
        <Menu.Item component="a" href={exportUrl(filters, 'csv-cp1251')} leftSection={<IconFileTypeCsv size={16} />}>
          CSV в Windows-1251 (старый Excel, 1С)
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function SortableHeader({
  label,
  field,
  filters,
  onSort,
  align = 'left',
}: {
  label: string;
  field: CallFilters['sort'];
  filters: CallFilters;
  onSort: (field: CallFilters['sort']) => void;
  align?: 'left' | 'right' | 'center';
}) {
  const active = filters.sort === field;
  let icon: ReactNode = <IconArrowsSort size={14} opacity={0.4} />;
  if (active) {
    icon = filters.order === 'asc' ? <IconArrowUp size={14} /> : <IconArrowDown size={14} />;
  }
  return (
    <Table.Th ta={align} aria-sort={active ? (filters.order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton
        onClick={() => {
          onSort(field);
        }}
        fw={600}
        fz="sm"
        style={{ whiteSpace: 'nowrap' }}
      >
        <Group gap={4} wrap="nowrap" justify={align === 'left' ? 'flex-start' : align === 'right' ? 'flex-end' : 'center'}>
          {label}
          {icon}
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

function CallRow({
  call,
  timeZone,
  showManager,
  findingTitle,
  onOpen,
}: {
  call: CallSummaryView;
  timeZone: string;
  showManager: boolean;
  findingTitle: (kind: string) => string;
  onOpen: () => void;
}) {
  const clientName = call.client?.name ?? call.client?.phone ?? null;
  return (
    <Table.Tr className="okk-table-row" onClick={onOpen}>
      <Table.Td>
        <Group gap={8} wrap="nowrap">
          {call.direction === 'inbound' && (
            <Tooltip label="Входящий">
              <IconPhoneIncoming size={16} color="var(--mantine-color-teal-7)" aria-label="Входящий" />
            </Tooltip>
          )}
          {call.direction === 'outbound' && (
            <Tooltip label="Исходящий">
              <IconPhoneOutgoing size={16} color="var(--mantine-color-brand-7)" aria-label="Исходящий" />
            </Tooltip>
          )}
          <Anchor
            component={Link}
            to={`/calls/${encodeURIComponent(call.id)}`}
            c="inherit"
            fw={500}
            size="sm"
            onClick={(event) => {
              event.stopPropagation();
            }}
          >
            {formatDateTime(call.startedAt, timeZone)}
          </Anchor>
        </Group>
      </Table.Td>
      {showManager && (
        <Table.Td>
          <Text size="sm" fw={500} maw={NAME_MAX_WIDTH} truncate title={call.manager?.name} data-testid="call-manager">
            {call.manager?.name ?? 'Менеджер не указан'}
          </Text>
          {call.team !== null && (
            <Text size="xs" c="dimmed" maw={NAME_MAX_WIDTH} truncate title={call.team.name}>
              {call.team.name}
            </Text>
          )}
        </Table.Td>
      )}
      <Table.Td>
        <Text size="sm" maw={NAME_MAX_WIDTH} truncate title={clientName ?? undefined}>
          {clientName ?? '—'}
        </Text>
        {call.client?.name !== null && call.client?.name !== undefined && call.client.phone !== null && (
          <Text size="xs" c="dimmed">
            {call.client.phone}
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {formatClock(call.durationSec)}
      </Table.Td>
      <Table.Td ta="center">
        <ScoreBadge score={call.score} size="md" />
      </Table.Td>
      <Table.Td>
        <CallFindingsCell call={call} findingTitle={findingTitle} />
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * Explains the score of a call with no findings by its failed critical criteria, or by its other failed
 * criteria when the score is not green. «без замечаний» appears only next to a green score.
 */
function NoFindingsCell({ call }: { call: CallSummaryView }) {
  const failed = call.failedCriteria ?? [];
  const critical = failed.filter((criterion) => criterion.critical);
  const lowered = call.score !== null && scoreColor(call.score) !== 'teal';
  let shown = critical;
  if (shown.length === 0 && lowered) {
    shown = failed;
  }
  if (shown.length > 0) {
    return (
      <Text size="sm" c={critical.length > 0 ? 'red.8' : 'orange.8'} lineClamp={2} data-testid="failed-criteria">
        Не выполнено: {shown.map((criterion) => criterion.title).join(', ')}
      </Text>
    );
  }
  if (lowered) {
    return (
      <Text size="sm" c="dimmed">
        находок нет, оценка снижена
      </Text>
    );
  }
  return (
    <Text size="sm" c="teal.8">
      без замечаний
    </Text>
  );
}

function CallFindingsCell({ call, findingTitle }: { call: CallSummaryView; findingTitle: (kind: string) => string }) {
  if (call.noSpeech === true) {
    return (
      <Badge variant="light" color="gray">
        нет речи
      </Badge>
    );
  }
  if (call.findingCount === null) {
    return (
      <Text size="sm" c="dimmed">
        не оценён
      </Text>
    );
  }
  if (call.findingCount === 0) {
    return <NoFindingsCell call={call} />;
  }
  const worst = call.worstFindings ?? [];
  if (worst.length === 0) {
    return (
      <Badge variant="light" color={call.findingCount >= 3 ? 'red' : 'orange'}>
        {countOf(call.findingCount, FINDING_FORMS)}
      </Badge>
    );
  }
  const more = call.findingCount - worst.length;
  return (
    <Stack gap={4} data-testid="worst-findings">
      {worst.map((finding) => (
        <Box key={`${finding.kind}-${String(finding.turn)}`} style={{ minWidth: 0 }}>
          <Group gap={6} wrap="nowrap">
            <Badge size="sm" variant="light" color={SEVERITY_COLORS[finding.severity]} style={{ flexShrink: 0 }} title={SEVERITY_TITLES[finding.severity]}>
              {findingTitle(finding.kind)}
            </Badge>
            {finding.startSec !== null && (
              <Text size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {formatClock(finding.startSec)}
              </Text>
            )}
          </Group>
          <Text size="xs" c="dimmed" lineClamp={1} title={finding.quote}>
            «{finding.quote}»
          </Text>
        </Box>
      ))}
      {more > 0 && (
        <Text size="xs" c="dimmed">
          и ещё {countOf(more, FINDING_FORMS)}
        </Text>
      )}
    </Stack>
  );
}
