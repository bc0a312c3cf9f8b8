import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';

import type { CallDetail } from '../../../../src/server/schemas/calls.schemas.ts';
import type { ClientHistory } from '../../api/outcomes.api.ts';
import { useSession } from '../../auth/session-context.tsx';
import { ScoreBadge } from '../../components/score-badge.tsx';
import { formatDateTime } from '../../format/russian-format.ts';

type Contact = ClientHistory['earlier'][number];

const STATUS_TITLES: Record<string, string> = {
  answered: 'разговор',
  missed: 'пропущенный',
  busy: 'занято',
  failed: 'не соединился',
  no_answer: 'нет ответа',
  voicemail: 'автоответчик',
};

const DIRECTION_TITLES: Record<string, string> = { inbound: 'входящий', outbound: 'исходящий', internal: 'внутренний' };

function ContactRow({ contact, when }: { contact: Contact; when: 'раньше' | 'позже' }) {
  const { timeZone } = useSession();
  const date = formatDateTime(contact.startedAt, timeZone);
  const details = [contact.direction === null ? null : (DIRECTION_TITLES[contact.direction] ?? contact.direction), contact.managerName]
    .filter((part) => part !== null)
    .join(' · ');
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
        {contact.callId === null ? (
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {date}
          </Text>
        ) : (
          <Anchor component={Link} to={`/calls/${encodeURIComponent(contact.callId)}`} size="sm" style={{ whiteSpace: 'nowrap' }}>
            {date}
          </Anchor>
        )}
        <Text size="xs" c="dimmed" lineClamp={1}>
          {when}
          {details === '' ? '' : ` · ${details}`}
        </Text>
      </Group>
      {contact.kind === 'call' || contact.score !== null ? (
        <ScoreBadge score={contact.score} size="sm" />
      ) : (
        <Badge size="sm" variant="light" color={contact.status === 'missed' || contact.status === 'no_answer' ? 'red' : 'gray'} style={{ flexShrink: 0, overflow: 'visible' }}>
          {contact.status === null ? 'из журнала' : (STATUS_TITLES[contact.status] ?? contact.status)}
        </Badge>
      )}
    </Group>
  );
}

/**
 * Lists the client's other contacts. They come from the call log and analysed calls when the
 * follow-through data has a client for this call, otherwise from analysed calls with the same phone.
 */
export function ClientContacts({ detail, history }: { detail: CallDetail; history: ClientHistory | null }) {
  const { timeZone } = useSession();
  const fromHistory = history !== null && history.client !== null && history.earlier.length + history.later.length > 0;
  if (!fromHistory && detail.otherCalls.length === 0) {
    return null;
  }
  return (
    <Stack gap={6} data-testid="client-contacts">
      <Text fw={600} size="sm">
        Другие контакты этого клиента
      </Text>
      {fromHistory ? (
        <>
          {history.earlier.map((contact) => (
            <ContactRow key={`${contact.kind}-${contact.id}`} contact={contact} when="раньше" />
          ))}
          {history.later.map((contact) => (
            <ContactRow key={`${contact.kind}-${contact.id}`} contact={contact} when="позже" />
          ))}
        </>
      ) : (
        detail.otherCalls.map((other) => (
          <Group key={other.id} justify="space-between" gap="xs" wrap="nowrap">
            <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
              <Anchor component={Link} to={`/calls/${encodeURIComponent(other.id)}`} size="sm" style={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(other.startedAt, timeZone)}
              </Anchor>
              <Text size="xs" c="dimmed" lineClamp={1}>
                {other.startedAtUtc !== null && detail.call.startedAtUtc !== null && (Date.parse(other.startedAtUtc) < Date.parse(detail.call.startedAtUtc) ? 'раньше' : 'позже')}
                {other.manager !== null && ` · ${other.manager.name}`}
              </Text>
            </Group>
            <ScoreBadge score={other.score} size="sm" />
          </Group>
        ))
      )}
    </Stack>
  );
}
