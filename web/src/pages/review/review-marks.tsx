import { Alert, Button, Group, Text } from '@mantine/core';
import { IconMessageReport, IconUserCheck } from '@tabler/icons-react';

import type { CallDetail } from '../../../../src/server/schemas/calls.schemas.ts';
import { useSession } from '../../auth/session-context.tsx';
import { formatDateTime } from '../../format/russian-format.ts';
import { ExpandableText } from './expandable-text.tsx';
import type { ReviewActions } from './review-actions.ts';
import type { DisputeView } from './review-model.ts';

type ReviewMark = NonNullable<NonNullable<CallDetail['evaluation']>['findings'][number]['review']>;

/** Who last decided on the item, when, and why. */
export function ReviewMarkLine({ mark }: { mark: ReviewMark }) {
  const { timeZone } = useSession();
  return (
    <Group gap={6} mt={6} wrap="nowrap" align="flex-start">
      <IconUserCheck size={14} color="var(--mantine-color-grape-6)" style={{ flexShrink: 0, marginTop: 3 }} />
      <ExpandableText size="xs" c="dimmed" text={mark.comment}>
        {mark.source === 'dispute' ? 'Изменено по спору' : 'Проверено ОКК'}
        {mark.author !== null && ` · ${mark.author}`} · {formatDateTime(mark.at, timeZone)}
        {mark.comment !== '' && (
          <Text span size="xs" c="dark.4">
            {' '}
            — {mark.comment}
          </Text>
        )}
      </ExpandableText>
    </Group>
  );
}

/** An open dispute on the item; a reviewer decides it here, its author may withdraw it. */
export function DisputeNotice({ dispute, actions }: { dispute: DisputeView; actions: ReviewActions }) {
  const { timeZone } = useSession();
  return (
    <Alert
      mt="xs"
      p="xs"
      color="orange"
      variant="light"
      icon={<IconMessageReport size={16} />}
      title={`Спор открыт · ${dispute.openedBy ?? 'менеджер'} · ${formatDateTime(dispute.openedAt, timeZone)}`}
      data-testid={`dispute-${String(dispute.id)}`}
      onClick={(event) => {
        event.stopPropagation();
      }}
    >
      <ExpandableText size="sm" text={dispute.comment} />
      {(actions.canReview || actions.canDispute) && (
        <Group gap={6} mt={6}>
          {actions.canReview && (
            <>
              <Button size="compact-xs" color="teal" onClick={() => {
                actions.acceptDispute(dispute);
              }}>
                Принять
              </Button>
              <Button size="compact-xs" variant="light" color="red" onClick={() => {
                actions.rejectDispute(dispute);
              }}>
                Отклонить
              </Button>
            </>
          )}
          {actions.canDispute && (
            <Button size="compact-xs" variant="subtle" color="gray" onClick={() => {
              actions.withdrawDispute(dispute);
            }}>
              Отозвать спор
            </Button>
          )}
        </Group>
      )}
    </Alert>
  );
}
