import { Anchor, Badge, Paper, SegmentedControl, Table, Text } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';

import type { DisputeListResponse } from '../../../../src/server/schemas/reviews.schemas.ts';
import { useDisputes } from '../../api/calls.api.ts';
import { can, useSession } from '../../auth/session-context.tsx';
import type { RoleId } from '../../auth/session-context.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ScoreBadge } from '../../components/score-badge.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { capitalize, formatDateTime } from '../../format/russian-format.ts';

type Dispute = DisputeListResponse['items'][number];
type Status = Dispute['status'];

/** Links to the call page opened on the disputed item, or on the dispute's reply once it is decided. */
function disputeLink(dispute: Dispute): string {
  return `/calls/${encodeURIComponent(dispute.callId)}?dispute=${String(dispute.id)}`;
}

const STATUS_COLORS: Record<Status, string> = { open: 'orange', accepted: 'teal', rejected: 'red', withdrawn: 'gray' };

/** Says what the page is for, in the words of the role reading it. */
function pageDescription(role: RoleId): string {
  if (role === 'manager') {
    return 'Оценки, с которыми вы не согласились, и ответы специалистов ОКК';
  }
  if (can(role, 'review')) {
    return 'Менеджеры не согласны с оценкой: откройте звонок, чтобы принять или отклонить спор';
  }
  return 'Менеджеры не согласны с оценкой, решение принимает специалист ОКК: откройте звонок, чтобы увидеть спор и ответ';
}

/**
 * Disputes of managers: the reviewer's queue of open ones, and each manager's own. Without a chosen
 * status the page shows the open disputes, or, when none are open, all of them, so decided ones with
 * their replies are seen at once.
 */
export function DisputesPage() {
  const { session, timeZone } = useSession();
  const [params, setParams] = useSearchParams();
  const chosen = params.get('status');
  const open = useDisputes({ status: 'open' });
  const noneOpen = open.data?.items.length === 0;
  const status = chosen ?? (noneOpen ? 'all' : 'open');
  const disputes = useDisputes(status === 'all' ? {} : { status });
  const role = session.user.role;
  const isManager = role === 'manager';
  const openCount = open.data?.items.length ?? 0;

  return (
    <>
      <PageHeader
        title={isManager ? 'Мои споры' : 'Споры менеджеров'}
        description={pageDescription(role)}
        actions={
          <SegmentedControl
            size="xs"
            value={status}
            onChange={(value) => {
              setParams({ status: value }, { replace: true });
            }}
            data={[
              { value: 'open', label: openCount > 0 ? `Открытые · ${String(openCount)}` : 'Открытые' },
              { value: 'accepted', label: 'Принятые' },
              { value: 'rejected', label: 'Отклонённые' },
              { value: 'all', label: 'Все' },
            ]}
          />
        }
      />
      {chosen === null && noneOpen && disputes.data !== undefined && disputes.data.items.length > 0 && (
        <Text size="sm" c="dimmed" mb="sm" data-testid="disputes-none-open">
          Открытых споров нет — ниже все споры, решённые и отозванные.
        </Text>
      )}
      {disputes.isError && <ErrorState error={disputes.error} onRetry={() => void disputes.refetch()} />}
      {disputes.isPending && <LoadingState />}
      {disputes.data !== undefined && (
        <Paper withBorder>
          {disputes.data.items.length === 0 ? (
            <EmptyState title={status === 'open' ? 'Открытых споров нет' : 'Споров нет'} />
          ) : (
            <Table verticalSpacing={8} horizontalSpacing="md">
              <Table.Thead bg="gray.0">
                <Table.Tr>
                  <Table.Th>Звонок</Table.Th>
                  {!isManager && <Table.Th>Менеджер</Table.Th>}
                  <Table.Th>Что оспорено</Table.Th>
                  <Table.Th>Комментарий</Table.Th>
                  <Table.Th w={130}>Статус</Table.Th>
                  <Table.Th ta="center">Оценка</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {disputes.data.items.map((dispute) => (
                  <Table.Tr key={dispute.id}>
                    <Table.Td>
                      <Anchor component={Link} to={disputeLink(dispute)} size="sm">
                        {formatDateTime(dispute.call.startedAt, timeZone)}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        спор от {formatDateTime(dispute.openedAt, timeZone)}
                      </Text>
                    </Table.Td>
                    {!isManager && <Table.Td>{dispute.call.manager?.name ?? '—'}</Table.Td>}
                    <Table.Td>
                      <Anchor component={Link} to={disputeLink(dispute)} size="sm" c="dark">
                        {dispute.targetTitle}
                      </Anchor>
                    </Table.Td>
                    <Table.Td maw={360}>
                      <Text size="sm" lineClamp={2}>
                        {dispute.comment}
                      </Text>
                      {dispute.resolutionComment !== null && (
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          Ответ: {dispute.resolutionComment}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={STATUS_COLORS[dispute.status]} style={{ overflow: 'visible' }}>
                        {capitalize(dispute.statusTitle)}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="center">
                      <ScoreBadge score={dispute.call.score} size="sm" />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      )}
    </>
  );
}
