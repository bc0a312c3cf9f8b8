import { Anchor, Badge, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowLeft, IconArrowsExchange } from '@tabler/icons-react';
import { Link } from 'react-router';

import type { CallDetail } from '../../../../src/server/schemas/calls.schemas.ts';
import { useSession } from '../../auth/session-context.tsx';
import { DIRECTION_TITLES } from '../../components/labels.ts';
import { ScoreBadge } from '../../components/score-badge.tsx';
import { formatClock, formatDateTime } from '../../format/russian-format.ts';

interface CallHeaderProps {
  detail: CallDetail;
  /** Length of the call in seconds, from the call or its last turn. */
  callEnd: number;
  canSwapRoles: boolean;
  onSwapRoles: () => void;
}

/** Shows when the call was, who talked, how long, and its score. */
export function CallHeader({ detail, callEnd, canSwapRoles, onSwapRoles }: CallHeaderProps) {
  const { session, timeZone } = useSession();
  const { call, evaluation } = detail;
  const backTo = session.user.role === 'manager' ? 'Мои звонки' : 'Звонки';

  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap">
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Anchor component={Link} to="/calls" size="sm" c="dimmed">
          <Group gap={4}>
            <IconArrowLeft size={14} />
            {backTo}
          </Group>
        </Anchor>
        <Group gap="sm" wrap="nowrap">
          <Text fz={22} fw={650} lh={1.2}>
            Звонок {formatDateTime(call.startedAt, timeZone)}
          </Text>
          {call.direction !== null && (
            <Badge variant="light" color={call.direction === 'inbound' ? 'teal' : 'brand'}>
              {DIRECTION_TITLES[call.direction]}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed" lineClamp={1}>
          {call.manager?.name ?? 'Менеджер не указан'}
          {call.team !== null && ` (${call.team.name})`} · клиент: {call.client?.name ?? call.client?.phone ?? 'не указан'}
          {call.client?.name !== null && call.client?.name !== undefined && call.client.phone !== null && `, ${call.client.phone}`} · {formatClock(callEnd)}
        </Text>
      </Stack>
      <Group gap="sm" wrap="nowrap">
        {canSwapRoles && (
          <Tooltip label="Если okk перепутал, кто менеджер, а кто клиент">
            <Button variant="default" size="sm" leftSection={<IconArrowsExchange size={16} />} onClick={onSwapRoles}>
              Поменять роли
            </Button>
          </Tooltip>
        )}
        <Stack gap={0} align="center">
          <ScoreBadge score={evaluation?.score} machineScore={evaluation?.machineScore ?? null} size="xl" testId="call-score" />
          <Text size="xs" c="dimmed">
            оценка
          </Text>
        </Stack>
      </Group>
    </Group>
  );
}
