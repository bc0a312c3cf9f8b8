import { Alert, Badge, Button, Grid, Group, NavLink, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconHistory } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';

import type { ChecklistBody, ChecklistDetail } from '../../../../src/server/schemas/checklists.schemas.ts';
import { useChecklist, useChecklists, useChecklistVersion, useSaveChecklist } from '../../api/checklists.api.ts';
import { ApiError, errorMessage } from '../../api/http-client.ts';
import { can, useSession } from '../../auth/session-context.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ErrorState, LoadingState } from '../../components/states.tsx';
import { formatDateTime } from '../../format/russian-format.ts';
import { ChecklistEditor } from './checklist-editor.tsx';
import { ReevaluationPanel } from './reevaluation-panel.tsx';

export function ChecklistsPage() {
  const { checklistId = 'sales-default' } = useParams();
  const checklist = useChecklist(checklistId);

  if (checklist.isPending) {
    return <LoadingState rows={12} />;
  }
  if (checklist.isError) {
    return <ErrorState error={checklist.error} onRetry={() => void checklist.refetch()} />;
  }
  return <ChecklistWorkspace key={`${checklistId}@${String(checklist.data.checklist.version)}`} detail={checklist.data} />;
}

/** Dot paths of invalid fields (`criteria.2.weight`) with their Russian messages. */
function fieldErrorsOf(error: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (error instanceof ApiError) {
    for (const field of error.fields) {
      map.set(field.path.replace(/^body\./u, '').replace(/\[(\d+)\]/gu, '.$1'), field.message);
    }
  }
  return map;
}

function ChecklistWorkspace({ detail }: { detail: ChecklistDetail }) {
  const { session, timeZone } = useSession();
  const canEdit = can(session.user.role, 'checklistEdit');
  const list = useChecklists();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<ChecklistBody>(detail.checklist);
  const [viewedVersion, setViewedVersion] = useState<number | null>(null);
  const older = useChecklistVersion(detail.checklist.id, viewedVersion);
  const save = useSaveChecklist(detail.checklist.id);
  const dirty = JSON.stringify(draft) !== JSON.stringify(detail.checklist);
  const viewingOld = viewedVersion !== null && viewedVersion !== detail.checklist.version;
  const shown = viewingOld ? older.data?.checklist : draft;

  return (
    <>
      <PageHeader
        title="Чек-листы"
        description={`${detail.checklist.title} · версия ${String(detail.checklist.version)}${detail.active ? ' · действующий' : ''}`}
        actions={
          canEdit &&
          !viewingOld && (
            <>
              <Button
                variant="default"
                disabled={!dirty}
                onClick={() => {
                  setDraft(detail.checklist);
                }}
              >
                Отменить правки
              </Button>
              <Button
                leftSection={<IconDeviceFloppy size={16} />}
                disabled={!dirty}
                loading={save.isPending}
                onClick={() => {
                  save.mutate(draft, {
                    onSuccess: (saved) => {
                      notifications.show({ color: 'teal', message: `Сохранено как версия ${String(saved.checklist.version)}. Новые звонки оцениваются по ней.` });
                    },
                  });
                }}
              >
                Сохранить новую версию
              </Button>
            </>
          )
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          {save.isError && (
            <Alert color="red" mb="md" title="Чек-лист не сохранён">
              {errorMessage(save.error)}
            </Alert>
          )}
          {viewingOld && (
            <Alert color="gray" mb="md" icon={<IconHistory size={18} />}>
              Вы смотрите версию {viewedVersion}. Она только для просмотра; правки вносятся в последнюю версию.
            </Alert>
          )}
          {!canEdit && (
            <Alert color="gray" mb="md">
              Чек-лист меняет администратор; здесь можно посмотреть, по каким правилам оцениваются звонки.
            </Alert>
          )}
          {shown === undefined ? (
            <LoadingState />
          ) : (
            <ChecklistEditor value={shown} readOnly={!canEdit || viewingOld} onChange={setDraft} fieldErrors={fieldErrorsOf(save.error)} />
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md" pos="sticky" top={16}>
            {(list.data?.items.length ?? 0) > 1 && (
              <Paper withBorder p="xs">
                <Text size="xs" c="dimmed" fw={600} tt="uppercase" px={8} mb={4}>
                  Чек-листы
                </Text>
                {list.data?.items.map((item) => (
                  <NavLink
                    key={item.id}
                    label={item.title}
                    active={item.id === detail.checklist.id}
                    rightSection={item.active ? <Badge size="xs">действует</Badge> : undefined}
                    onClick={() => void navigate(`/checklists/${item.id}`)}
                  />
                ))}
              </Paper>
            )}
            <Paper withBorder p="xs">
              <Text size="xs" c="dimmed" fw={600} tt="uppercase" px={8} mb={4}>
                Версии
              </Text>
              {detail.versions.map((version) => (
                <NavLink
                  key={version.version}
                  label={`Версия ${String(version.version)}`}
                  description={formatDateTime(version.createdAt, timeZone)}
                  active={(viewedVersion ?? detail.checklist.version) === version.version}
                  rightSection={version.version === detail.checklist.version ? <Badge size="xs" variant="light">последняя</Badge> : undefined}
                  onClick={() => {
                    setViewedVersion(version.version === detail.checklist.version ? null : version.version);
                  }}
                />
              ))}
            </Paper>
            {canEdit && <ReevaluationPanel checklistId={detail.checklist.id} version={viewedVersion ?? detail.checklist.version} />}
            {canEdit && dirty && (
              <Group>
                <Text size="xs" c="orange.8">
                  Есть несохранённые правки
                </Text>
              </Group>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
