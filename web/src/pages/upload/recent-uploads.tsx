import { Anchor, Badge, Paper, Table, Text } from '@mantine/core';
import { Link } from 'react-router';

import { useRecentUploads } from '../../api/uploads.api.ts';
import type { UploadStatusView } from '../../api/uploads.api.ts';
import { useSession } from '../../auth/session-context.tsx';
import { formatDateTime } from '../../format/russian-format.ts';

const STATE_TITLES: Record<UploadStatusView['state'], string> = {
  queued: 'В очереди',
  processing: 'Анализируется',
  done: 'Готово',
  failed: 'Ошибка',
  cancelled: 'Отменено',
};

const STATE_COLORS: Record<UploadStatusView['state'], string> = { queued: 'gray', processing: 'brand', done: 'teal', failed: 'red', cancelled: 'gray' };

/** Recent uploads of the whole team, so a file sent from another computer can be followed here too. */
export function RecentUploads() {
  const { timeZone } = useSession();
  const uploads = useRecentUploads();
  const items = uploads.data?.items ?? [];
  if (items.length === 0) {
    return null;
  }
  return (
    <Paper withBorder mt="md">
      <Text fw={600} px="md" pt="sm">
        Недавние загрузки
      </Text>
      <Table verticalSpacing={6} horizontalSpacing="md" data-testid="recent-uploads">
        <Table.Thead>
          <Table.Tr>
            <Table.Th fz="xs" c="dimmed" fw={500}>
              Файл
            </Table.Th>
            <Table.Th fz="xs" c="dimmed" fw={500}>
              Кто загрузил
            </Table.Th>
            <Table.Th fz="xs" c="dimmed" fw={500}>
              Когда
            </Table.Th>
            <Table.Th fz="xs" c="dimmed" fw={500}>
              Состояние
            </Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((upload) => {
            const firstCall = upload.result?.calls[0];
            return (
              <Table.Tr key={upload.id}>
                <Table.Td>
                  <Text size="sm" lineClamp={1}>
                    {upload.fileName}
                  </Text>
                </Table.Td>
                <Table.Td w={200}>
                  <Text size="sm" lineClamp={1} data-testid="uploaded-by">
                    {upload.uploadedByName ?? (upload.uploadedBy === null ? '—' : 'пользователь удалён')}
                  </Text>
                </Table.Td>
                <Table.Td w={180}>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(upload.createdAt, timeZone)}
                  </Text>
                </Table.Td>
                <Table.Td w={130}>
                  <Badge size="sm" variant="light" color={STATE_COLORS[upload.state]}>
                    {STATE_TITLES[upload.state]}
                  </Badge>
                </Table.Td>
                <Table.Td w={320}>
                  {upload.error !== null && (
                    <Text size="xs" c="red.8" lineClamp={2}>
                      {upload.error}
                    </Text>
                  )}
                  {firstCall !== undefined && (
                    <Anchor component={Link} to={`/calls/${encodeURIComponent(firstCall.id)}`} size="sm">
                      открыть разбор
                    </Anchor>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
