import { Anchor, Badge, Paper, SegmentedControl, Table, Text } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';

import type { DisputeListResponse } from '../../../../src/server/schemas/reviews.schemas.ts';
import { useDisputes } from '../../api/calls.api.ts';
import { useSession } from '../../auth/session-context.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ScoreBadge } from '../../components/score-badge.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { capitalize, formatDateTime } from '../../format/russian-format.ts';

type Status = DisputeListResponse['items'][number]['status'];

const STATUS_COLORS: Record<Status, string> = { open: 'orange', accepted: 'teal', rejected: 'red', withdrawn: 'gray' };

/** Disputes of managers: the reviewer's queue of open ones, and each manager's own. */
export function DisputesPage() {
  const { session, timeZone } = useSession();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'open';
  const disputes = useDisputes(status === 'all' ? {} : { status });
  const isManager = session.user.role === 'manager';

  return (
    <>
      <PageHeader
        title={isManager ? 'Мои споры' : 'Споры менеджеров'}
        description={isManager ? 'Оценки, с которыми вы не согласились, и ответы специалистов ОКК' : 'Менеджеры не согласны с оценкой: откройте звонок, чтобы принять или отклонить спор'}
        actions={
          <SegmentedControl
            size="xs"
            value={status}
            onChange={(value) => {
              setParams(value === 'open' ? {} : { status: value }, { replace: true });
            }}
            data={[
              { value: 'open', label: 'Открытые' },
              { value: 'accepted', label: 'Принятые' },
              { value: 'rejected', label: 'Отклонённые' },
              { value: 'all', label: 'Все' },
            ]}
          />
        }
      />
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
                      <Anchor component={Link} to={`/calls/${encodeURIComponent(dispute.callId)}`} size="sm">
                        {formatDateTime(dispute.call.startedAt, timeZone)}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        спор от {formatDateTime(dispute.openedAt, timeZone)}
                      </Text>
                    </Table.Td>
                    {!isManager && <Table.Td>{dispute.call.manager?.name ?? '—'}</Table.Td>}
                    <Table.Td>{dispute.targetTitle}</Table.Td>
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
