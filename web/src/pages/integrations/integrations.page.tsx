import { Alert, Badge, Button, Card, Code, Group, List, SimpleGrid, Stack, Table, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { IconBell, IconDatabase, IconFileSpreadsheet, IconMicrophone, IconSend } from '@tabler/icons-react';
import type { ReactNode } from 'react';

import { useReference } from '../../api/directory.api.ts';
import { errorMessage } from '../../api/http-client.ts';
import { useIntegrations, useSendTestAlert } from '../../api/integrations.api.ts';
import type { AlertTestView, IntegrationStatusView } from '../../api/integrations.api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ErrorState, LoadingState } from '../../components/states.tsx';
import { countOf, formatDateTime, formatNumber } from '../../format/russian-format.ts';

type Channel = IntegrationStatusView['alerts']['channels'][number];

const CHANNEL_TITLES: Record<Channel['type'], string> = { telegram: 'Telegram', email: 'E-mail', webhook: 'Webhook' };
const SOURCE_TITLES: Record<IntegrationStatusView['importSources'][number]['kind'], string> = {
  call_log: 'Журнал звонков',
  crm_events: 'События CRM',
  nps: 'Ответы NPS',
  deals: 'Сделки',
};
const WEEKDAYS = ['пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'вс'];

function Section({ icon, title, status, children }: { icon: ReactNode; title: string; status: ReactNode; children: ReactNode }) {
  return (
    <Card>
      <Group justify="space-between" mb="sm" gap="xs">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon variant="light" size={36} radius="md">
            {icon}
          </ThemeIcon>
          <Title order={3} fz={17}>
            {title}
          </Title>
        </Group>
        {status}
      </Group>
      <Stack gap="xs">{children}</Stack>
    </Card>
  );
}

function State({ ok, children }: { ok: boolean | null; children: ReactNode }) {
  return (
    <Badge variant="light" color={ok === null ? 'gray' : ok ? 'teal' : 'red'} style={{ flexShrink: 0 }}>
      {children}
    </Badge>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="baseline">
      <Text size="sm" c="dimmed" w={150} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Group>
  );
}

function StorageSection({ status }: { status: IntegrationStatusView }) {
  const { database, jobQueue } = status;
  let worker = 'обработчики — отдельные процессы okk worker';
  if (jobQueue.backend === null) worker = 'не запущена';
  else if (jobQueue.workerInProcess) worker = 'обработчик в этом процессе';
  const queue = jobQueue.backend === 'pg-boss' ? 'pg-boss (PostgreSQL)' : 'таблица задач SQLite';
  return (
    <Section icon={<IconDatabase size={20} />} title="Хранилище и фоновые задачи" status={<State ok>{database.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}</State>}>
      <Fact label="База данных">
        <Code>{database.location}</Code>
      </Fact>
      <Fact label="Очередь задач">
        {jobQueue.backend === null ? worker : `${queue}, ${worker}`}
      </Fact>
    </Section>
  );
}

function AsrSection({ asr }: { asr: IntegrationStatusView['asr'] }) {
  const state = asr.modelFound === null ? <State ok={null}>облачный сервис</State> : <State ok={asr.modelFound}>{asr.modelFound ? 'модель на месте' : 'модели нет'}</State>;
  return (
    <Section icon={<IconMicrophone size={20} />} title="Распознавание речи" status={state}>
      <Fact label="Движок">
        <Code>{asr.engine}</Code>
        {asr.model !== null && (
          <>
            {' '}
            модель <Code>{asr.model}</Code>
          </>
        )}
      </Fact>
      {asr.location !== null && (
        <Fact label={asr.local ? 'Папка модели' : 'Адрес сервиса'}>
          <Code>{asr.location}</Code>
        </Fact>
      )}
      {asr.problem !== null && (
        <Text size="sm" c="red">
          {asr.problem}
        </Text>
      )}
      {asr.local && <Text size="xs" c="dimmed">Установленные модели: <Code>okk models list</Code>; подробно — <Code>docs/asr.md</Code>.</Text>}
    </Section>
  );
}

function ImportSection({ sources }: { sources: IntegrationStatusView['importSources'] }) {
  return (
    <Section
      icon={<IconFileSpreadsheet size={20} />}
      title="Журналы звонков и CRM"
      status={<State ok={sources.length > 0 ? true : null}>{sources.length > 0 ? countOf(sources.length, ['источник', 'источника', 'источников']) : 'ничего не загружено'}</State>}
    >
      {sources.length === 0 ? (
        <Text size="sm">
          Журнал звонков АТС или CRM нужен, чтобы проверять обещания и пропущенные звонки. Загрузите его командой <Code>okk import calls ФАЙЛ</Code> (CSV или XLSX; см. <Code>docs/call-logs.md</Code>).
        </Text>
      ) : (
        <Table fz="sm" verticalSpacing={4} withRowBorders={false}>
          <Table.Tbody>
            {sources.map((source) => (
              <Table.Tr key={`${source.kind}-${source.source ?? ''}`}>
                <Table.Td>
                  {SOURCE_TITLES[source.kind]}
                  {source.source !== null && (
                    <>
                      {' '}
                      <Code>{source.source}</Code>
                    </>
                  )}
                </Table.Td>
                <Table.Td ta="right">{formatNumber(source.records)}</Table.Td>
                <Table.Td c="dimmed">{source.latestAt === null ? '' : `последняя — ${formatDateTime(source.latestAt)}`}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

function ChannelRow({ channel }: { channel: Channel }) {
  return (
    <Table.Tr data-testid={`alert-channel-${channel.name}`}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {channel.name}
        </Text>
        <Text size="xs" c="dimmed">
          {CHANNEL_TITLES[channel.type]}, {countOf(channel.addresses, ['адрес', 'адреса', 'адресов'])}
        </Text>
      </Table.Td>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>
        <Text size="sm">{channel.target}</Text>
        <Text size="xs" c="dimmed">
          {channel.secret.source === null ? 'без пароля' : `секрет ${channel.secret.masked ?? ''} — ${channel.secret.source}`}
        </Text>
      </Table.Td>
      <Table.Td>{channel.lastSentAt === null ? <Text size="sm" c="dimmed">ещё не было</Text> : formatDateTime(channel.lastSentAt)}</Table.Td>
      <Table.Td>
        {channel.lastError === null ? (
          <Text size="sm" c="dimmed">
            нет
          </Text>
        ) : (
          <Stack gap={0}>
            <Text size="sm" c="red" lineClamp={2} title={channel.lastError}>
              {channel.lastError}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDateTime(channel.lastErrorAt)}
            </Text>
          </Stack>
        )}
      </Table.Td>
      <Table.Td ta="right">
        <Tooltip label="Оповещений о звонках: отправлено · ждут отправки · не отправлены">
          <Text size="sm">
            {formatNumber(channel.sent)} · {formatNumber(channel.pending)} · {formatNumber(channel.failed)}
          </Text>
        </Tooltip>
      </Table.Td>
    </Table.Tr>
  );
}

function TestResults({ results }: { results: AlertTestView['results'] }) {
  const failed = results.filter((result) => !result.ok);
  return (
    <Alert color={failed.length === 0 ? 'teal' : 'red'} title={failed.length === 0 ? 'Тестовое оповещение отправлено' : 'Не все каналы сработали'} role="status" data-testid="alert-test-result">
      <List size="sm" spacing={2}>
        {results.map((result) => (
          <List.Item key={result.channel}>
            {result.channel}:{' '}
            {result.addresses === 0
              ? 'нет адресов'
              : result.ok
                ? `отправлено (${countOf(result.addresses, ['адрес', 'адреса', 'адресов'])})`
                : result.failures.map((failure) => (failure.address === 'webhook' ? failure.reason : `${failure.address} — ${failure.reason}`)).join('; ')}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

function AlertsSection({ alerts }: { alerts: IntegrationStatusView['alerts'] }) {
  const reference = useReference();
  const sendTest = useSendTestAlert();
  const titleOf = (kind: string) => reference.data?.findingKinds.find((item) => item.id === kind)?.title ?? kind;
  const rules = [
    ...(alerts.rules.scoreBelow === null ? [] : [`оценка ниже ${String(alerts.rules.scoreBelow)}`]),
    ...(alerts.rules.criticalFindings ? ['любая критичная находка'] : []),
    ...alerts.rules.findingKinds.map((kind) => `«${titleOf(kind)}»`),
  ];
  const schedule = [
    alerts.workingHours === null ? 'в любое время' : `в рабочие часы ${alerts.workingHours.start}–${alerts.workingHours.end}, ${alerts.workingHours.days.map((day) => WEEKDAYS[day - 1] ?? '').join(', ')}`,
    alerts.digestTime === null ? 'по каждому звонку сразу' : `одной сводкой в ${alerts.digestTime}`,
  ];
  const status = alerts.active ? <State ok>включены</State> : <State ok={null}>{alerts.enabled ? 'не настроены' : 'выключены'}</State>;

  return (
    <Section icon={<IconBell size={20} />} title="Оповещения о проблемных звонках" status={status}>
      {!alerts.active ? (
        <Text size="sm">
          Руководитель отдела продаж может получать оповещения о проблемных звонках в день звонка — в Telegram, на почту или в свою систему через webhook. Настройте раздел <Code>alerts</Code> в файле
          настроек (см. <Code>docs/alerts.md</Code>) и перезапустите okk.
        </Text>
      ) : (
        <>
          <SimpleGrid cols={2} spacing="xs">
            <Fact label="Когда">{rules.join(', ')}</Fact>
            <Fact label="Как отправлять">{schedule.join('; ')}; звонки старше {alerts.maxAgeHours} ч не оповещаются</Fact>
            <Fact label="Получатели">
              {alerts.recipients.length === 0
                ? 'только адреса каналов'
                : alerts.recipients.map((recipient) => `${recipient.name} (${recipient.teams.length === 0 ? 'все команды' : recipient.teams.join(', ')})`).join('; ')}
            </Fact>
            <Fact label="Ссылка на звонок">{alerts.publicUrl ?? 'не задан publicUrl — оповещения без ссылок'}</Fact>
          </SimpleGrid>
          <Table fz="sm" verticalSpacing={6} layout="fixed" mt="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={160}>Канал</Table.Th>
                <Table.Th>Куда</Table.Th>
                <Table.Th w={150}>Последняя отправка</Table.Th>
                <Table.Th w={260}>Последняя ошибка</Table.Th>
                <Table.Th w={110} ta="right">
                  Оповещений
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {alerts.channels.map((channel) => (
                <ChannelRow key={channel.name} channel={channel} />
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      <Group justify="space-between" align="center" mt="xs">
        <Text size="xs" c="dimmed">
          Проверка с сервера: <Code>okk alerts test</Code>. Без okk worker оповещения отправляет <Code>okk alerts send</Code>.
        </Text>
        <Button leftSection={<IconSend size={16} />} disabled={!alerts.active} loading={sendTest.isPending} onClick={() => {
            sendTest.mutate(null);
          }}>
          Отправить тестовое оповещение
        </Button>
      </Group>
      {sendTest.data !== undefined && <TestResults results={sendTest.data.results} />}
      {sendTest.error !== null && (
        <Alert color="red" role="alert">
          {errorMessage(sendTest.error)}
        </Alert>
      )}
    </Section>
  );
}

/** The administrator's status page: every connection of the installation and its state. */
export function IntegrationsPage() {
  const integrations = useIntegrations();
  return (
    <>
      <PageHeader
        title="Интеграции"
        description={
          <>
            Подключения настраиваются в файле <Code>okk.config.json</Code> (или файле из переменной <Code>OKK_CONFIG</Code>); после изменения перезапустите okk
          </>
        }
      />
      {integrations.isPending ? (
        <LoadingState />
      ) : integrations.isError ? (
        <ErrorState error={integrations.error} onRetry={() => void integrations.refetch()} />
      ) : (
        <Stack gap="md">
          <AlertsSection alerts={integrations.data.alerts} />
          <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="md">
            <StorageSection status={integrations.data} />
            <AsrSection asr={integrations.data.asr} />
            <ImportSection sources={integrations.data.importSources} />
          </SimpleGrid>
        </Stack>
      )}
    </>
  );
}
