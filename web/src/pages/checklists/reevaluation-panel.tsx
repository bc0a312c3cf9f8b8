import { Alert, Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';

import { useStartReevaluation } from '../../api/checklists.api.ts';
import { errorMessage } from '../../api/http-client.ts';
import { useJobStatus } from '../../api/jobs.api.ts';
import { countOf, formatDate, formatNumber, toIsoDate } from '../../format/russian-format.ts';
import { reevaluationSummary } from './reevaluation-summary.ts';

const CALL_FORMS = ['звонок', 'звонка', 'звонков'] as const;
// After «из»: «из 1 звонка», «из 3 звонков», «из 21 звонка».
const CALL_FORMS_AFTER_OF = ['звонка', 'звонков', 'звонков'] as const;

/** «Переоценить звонки с даты»: queues the re-evaluation job and follows its progress. */
export function ReevaluationPanel({ checklistId, version }: { checklistId: string; version: number }) {
  const [since, setSince] = useState<string | null>(() => {
    const today = new Date();
    return toIsoDate(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 7));
  });
  const start = useStartReevaluation(checklistId);
  const job = useJobStatus(start.data?.jobId ?? null);
  const status = job.data;
  const total = status?.progress.total ?? null;
  const done = status?.progress.done ?? 0;

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Text fw={600}>Переоценить звонки</Text>
        <Text size="sm" c="dimmed">
          Звонки с выбранной даты будут оценены версией {version} в фоне. Правки специалистов ОКК сохранятся.
        </Text>
        <Group align="flex-end" gap="sm">
          <DatePickerInput label="С даты" valueFormat="DD.MM.YYYY" value={since} onChange={setSince} w={170} maxDate={toIsoDate(new Date())} />
          <Button
            leftSection={<IconRefresh size={16} />}
            loading={start.isPending}
            disabled={since === null}
            onClick={() => {
              if (since !== null) {
                start.mutate({ since, version });
              }
            }}
          >
            Переоценить звонки с даты
          </Button>
        </Group>
        {start.isError && <Alert color="red">{errorMessage(start.error)}</Alert>}
        {start.data !== undefined && (
          <Stack gap={4} data-testid="reevaluation-progress">
            {status === null || status === undefined ? (
              <Text size="sm">Задача поставлена в очередь: звонки с {formatDate(start.data.since)} будут переоценены версией {start.data.checklist.version}.</Text>
            ) : (
              <>
                <Group justify="space-between">
                  <Text size="sm">
                    {status.state === 'queued' && 'Ждёт свободного обработчика…'}
                    {status.state === 'retrying' && `Попытка не удалась, okk повторит её: ${status.error ?? 'причина неизвестна'}`}
                    {status.state === 'running' && (total === null ? `Переоценено ${countOf(done, CALL_FORMS)}` : `Переоценено ${formatNumber(done)} из ${countOf(total, CALL_FORMS_AFTER_OF)}`)}
                    {status.state === 'completed' && reevaluationSummary(status.result, done)}
                    {status.state === 'failed' && `Переоценка остановлена с ошибкой: ${status.error ?? 'причина неизвестна'}`}
                    {status.state === 'cancelled' && 'Переоценка отменена'}
                  </Text>
                  {status.progress.message !== null && (
                    <Text size="xs" c="dimmed">
                      {status.progress.message}
                    </Text>
                  )}
                </Group>
                <Progress
                  value={status.state === 'completed' ? 100 : total === null || total === 0 ? 0 : (done / total) * 100}
                  animated={status.state === 'running' || status.state === 'queued' || status.state === 'retrying'}
                  color={status.state === 'failed' ? 'red' : 'brand'}
                />
              </>
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
