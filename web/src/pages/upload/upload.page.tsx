import { Anchor, Badge, Group, Paper, Progress, Stack, Table, Text, ThemeIcon } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { IconFileMusic, IconUpload, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';

import { errorMessage } from '../../api/http-client.ts';
import { sendFiles, useUploadStatus } from '../../api/uploads.api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { countOf, formatNumber } from '../../format/russian-format.ts';
import { RecentUploads } from './recent-uploads.tsx';
import { SpeechNotice } from './speech-notice.tsx';
import { groupWithMetadata } from './upload-files.ts';

const CALL_FORMS = ['звонок', 'звонка', 'звонков'] as const;

interface UploadRow {
  id: number;
  /** The main file and the metadata file `NAME.meta.json` that goes with it, if any. */
  files: File[];
  name: string;
  sizeBytes: number;
  progress: number;
  state: 'sending' | 'sent' | 'rejected' | 'failed';
  uploadId: string | null;
  message: string | null;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) {
    return `${formatNumber(bytes)} Б`;
  }
  if (bytes < 1024 * 1024) {
    return `${formatNumber(Math.round(bytes / 1024))} КБ`;
  }
  return `${formatNumber(bytes / 1024 / 1024, 1)} МБ`;
}

let nextRowId = 1;

export function UploadPage() {
  const [rows, setRows] = useState<UploadRow[]>([]);
  const queryClient = useQueryClient();

  const update = (id: number, patch: Partial<UploadRow>) => {
    setRows((current) => current.map((row) => (row.id === id ? { ...row, ...patch } : row)));
  };

  const upload = (files: File[]) => {
    const groups = groupWithMetadata(files);
    const added = groups.map<UploadRow>((group) => ({
      id: nextRowId++,
      files: group,
      name: group.map((file) => file.name).join(' + '),
      sizeBytes: group.reduce((sum, file) => sum + file.size, 0),
      progress: 0,
      state: 'sending',
      uploadId: null,
      message: null,
    }));
    setRows((current) => [...added, ...current]);
    for (const row of added) {
      sendFiles(row.files, (progress) => {
        update(row.id, { progress });
      })
        .then((receipt) => {
          void queryClient.invalidateQueries({ queryKey: ['uploads', 'recent'] });
          const accepted = receipt.uploads[0];
          const rejected = receipt.rejected[0];
          if (accepted !== undefined) {
            update(row.id, { state: 'sent', progress: 1, uploadId: accepted.uploadId, message: accepted.queued ? null : 'Этот файл уже загружали — повторно не анализируется' });
          } else {
            update(row.id, { state: 'rejected', message: rejected?.message ?? 'Файл не принят' });
          }
        })
        .catch((error: unknown) => {
          update(row.id, { state: 'failed', message: errorMessage(error) });
        });
    }
  };

  return (
    <>
      <PageHeader title="Загрузка звонков" description="Записи разговоров и готовые расшифровки: okk распознает, оценит и добавит их в список звонков" />
      <SpeechNotice />
      <Dropzone
        onDrop={upload}
        onReject={(rejections) => {
          setRows((current) => [
            ...rejections.map<UploadRow>((rejection) => ({
              id: nextRowId++,
              files: [rejection.file],
              name: rejection.file.name,
              sizeBytes: rejection.file.size,
              progress: 0,
              state: 'rejected',
              uploadId: null,
              message: 'Браузер не смог прочитать файл: проверьте, что он не пустой и доступен для чтения',
            })),
            ...current,
          ]);
        }}
        // No type or size filter here: the server checks each file against its own limits and formats
        // and returns a Russian reason for every file it does not accept.
        multiple
        radius="md"
        p="xl"
        data-testid="upload-dropzone"
      >
        <Group justify="center" gap="xl" mih={150} style={{ pointerEvents: 'none' }}>
          <Dropzone.Accept>
            <IconUpload size={48} color="var(--mantine-color-brand-6)" />
          </Dropzone.Accept>
          <Dropzone.Reject>
            <IconX size={48} color="var(--mantine-color-red-6)" />
          </Dropzone.Reject>
          <Dropzone.Idle>
            <IconFileMusic size={48} color="var(--mantine-color-dimmed)" />
          </Dropzone.Idle>
          <Stack gap={4} maw={560}>
            <Text size="lg" fw={600}>
              Перетащите файлы сюда или нажмите, чтобы выбрать
            </Text>
            <Text size="sm" c="dimmed">
              Записи: WAV, MP3, OGG/Opus, FLAC, M4A, сырые A-law/µ-law. Расшифровки: текст с ролями, SRT, WebVTT, JSON распознавания (Whisper, Яндекс SpeechKit, SaluteSpeech, T-Банк и др.). Данные звонка (менеджер, клиент, время)
              можно положить рядом в файл «ИМЯ.meta.json».
            </Text>
          </Stack>
        </Group>
      </Dropzone>
      {rows.length > 0 && (
        <Paper withBorder mt="md">
          <Table verticalSpacing={8} horizontalSpacing="md" data-testid="upload-results">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th>Файл</Table.Th>
                <Table.Th w={110} ta="right">
                  Размер
                </Table.Th>
                <Table.Th w={420}>Результат</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.id}>
                  <Table.Td>
                    <Text size="sm" fw={500} lineClamp={1}>
                      {row.name}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" c="dimmed">
                      {formatSize(row.sizeBytes)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <UploadResult row={row} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <RecentUploads />
    </>
  );
}

function UploadResult({ row }: { row: UploadRow }) {
  const status = useUploadStatus(row.state === 'sent' ? row.uploadId : null);
  if (row.state === 'sending') {
    return <Progress value={row.progress * 100} animated size="lg" aria-label="Загрузка файла" />;
  }
  if (row.state === 'rejected' || row.state === 'failed') {
    return (
      <Group gap="xs" wrap="nowrap">
        <ThemeIcon color="red" size="sm" radius="xl">
          <IconX size={12} />
        </ThemeIcon>
        <Text size="sm" c="red.8" data-testid="upload-error">
          {row.message}
        </Text>
      </Group>
    );
  }
  const upload = status.data;
  if (upload === undefined) {
    return <Text size="sm">{row.message ?? 'Загружено, ждёт анализа'}</Text>;
  }
  switch (upload.state) {
    case 'queued':
      return <Badge variant="light">В очереди на анализ</Badge>;
    case 'processing':
      return (
        <Stack gap={2}>
          <Text size="sm">{upload.job?.progress.message ?? 'Анализируется…'}</Text>
          <Progress value={upload.job?.progress.total ? (upload.job.progress.done / upload.job.progress.total) * 100 : 50} animated size="sm" />
        </Stack>
      );
    case 'done': {
      const calls = upload.result?.calls ?? [];
      const first = calls[0];
      return (
        <Stack gap={2}>
          <Group gap="xs">
            <Badge color="teal" variant="light">
              Готово
            </Badge>
            {first !== undefined && (
              <Anchor component={Link} to={`/calls/${encodeURIComponent(first.id)}`} size="sm">
                {calls.length === 1 ? 'открыть разбор' : `${countOf(calls.length, CALL_FORMS)}, открыть первый`}
              </Anchor>
            )}
          </Group>
          {upload.result?.warnings.map((warning) => (
            <Text key={warning} size="xs" c="orange.8">
              {warning}
            </Text>
          ))}
        </Stack>
      );
    }
    case 'failed':
    case 'cancelled':
      return (
        <Text size="sm" c="red.8" data-testid="upload-error">
          {upload.error ?? 'Анализ не удался'}
        </Text>
      );
  }
}
