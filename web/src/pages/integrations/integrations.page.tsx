import { Badge, Card, Code, Group, List, SimpleGrid, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBrandTelegram, IconDatabase, IconFileSpreadsheet, IconMicrophone, IconPhone } from '@tabler/icons-react';
import type { ReactNode } from 'react';

import { PageHeader } from '../../components/page-header.tsx';

function Section({ icon, title, status, children }: { icon: ReactNode; title: string; status: ReactNode; children: ReactNode }) {
  return (
    <Card>
      <Group justify="space-between" mb="sm" wrap="nowrap">
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

const ENGINES = [
  ['t-one', 'на вашем сервере', 'модель T-one ≈140 МБ, телефония 8 кГц'],
  ['gigaam', 'на вашем сервере', 'модель GigaAM v2 CTC ≈226 МБ'],
  ['whisper', 'на вашем сервере', 'модель whisper.cpp (ggml)'],
  ['openai', 'OpenAI или свой сервер', 'адрес и ключ'],
  ['yandex', 'Yandex SpeechKit v3', 'API-ключ или IAM-токен'],
  ['salute', 'SaluteSpeech', 'ключ авторизации'],
  ['tbank', 'T-Bank VoiceKit', 'API-ключ и секрет'],
] as const;

/**
 * Explains how okk connects to speech recognition, call logs, telephony and CRM. The server does not
 * report these settings over the API, so the page says where they are set and how to check them.
 */
export function IntegrationsPage() {
  return (
    <>
      <PageHeader
        title="Интеграции"
        description={
          <>
            Подключения настраиваются в файле <Code>okk.config.json</Code> (или файле из переменной <Code>OKK_CONFIG</Code>) и командами <Code>okk</Code> на сервере
          </>
        }
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Section icon={<IconMicrophone size={20} />} title="Распознавание речи" status={<Badge variant="light" color="gray">настраивается в файле</Badge>}>
          <Text size="sm">
            Движок выбирается в разделе <Code>asr</Code>. Без него okk использует локальную модель T-one. Ключи облачных сервисов можно задать переменными окружения — okk не пишет их в журналы.
          </Text>
          <Table fz="sm" verticalSpacing={3} withRowBorders={false}>
            <Table.Tbody>
              {ENGINES.map(([id, where, needs]) => (
                <Table.Tr key={id}>
                  <Table.Td w={80}>
                    <Code>{id}</Code>
                  </Table.Td>
                  <Table.Td>{where}</Table.Td>
                  <Table.Td c="dimmed">{needs}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="sm">Проверить, какие модели установлены и загружаются:</Text>
          <Code block>{'okk models list\n\n# установить модель, если есть интернет\nokk models pull t-one\n\n# без интернета: распакованная модель в папке\nokk models add ПАПКА_МОДЕЛИ'}</Code>
          <Text size="xs" c="dimmed">
            Подробно — в файле <Code>docs/asr.md</Code> в поставке okk.
          </Text>
        </Section>
        <Section icon={<IconFileSpreadsheet size={20} />} title="Журнал звонков, NPS и сделки" status={<Badge variant="light" color="gray">импорт файлов</Badge>}>
          <Text size="sm">
            Чтобы проверять обещания («перезвоню завтра») и пропущенные звонки, okk сверяет разговоры с журналом звонков АТС или CRM. Ответы NPS и сделки показывают, какое поведение менеджеров связано с уходом клиентов.
          </Text>
          <List size="sm" spacing={2}>
            <List.Item>журнал звонков — CSV или XLSX из Asterisk, FreePBX, FreeSWITCH, Mango Office, UIS/CoMagic, Zadarma, Билайн Бизнес, Битрикс24, amoCRM или любая таблица с понятными заголовками;</List.Item>
            <List.Item>ответы NPS — оценка 0–10, дата, телефон или id клиента;</List.Item>
            <List.Item>сделки — дата, сумма, клиент, исход.</List.Item>
          </List>
          <Text size="sm">Кодировки UTF-8 и Windows-1251 определяются сами. Какие столбцы понимает okk, описано в файле <Code>docs/call-logs.md</Code>.</Text>
        </Section>
        <Section icon={<IconPhone size={20} />} title="Телефония и CRM" status={<Badge variant="light" color="gray">через файлы и webhook</Badge>}>
          <Text size="sm">
            Записи разговоров попадают в okk тремя путями: страница «Загрузка», команда <Code>okk analyze ПАПКА</Code> по папке с записями и расшифровками, и уведомления Mango Office (webhook) о звонках и готовых записях.
          </Text>
          <Text size="sm">
            Данные звонка (менеджер, команда, клиент, время) okk берёт из файла <Code>ИМЯ.meta.json</Code> рядом с записью, из имени файла или из журнала звонков.
          </Text>
        </Section>
        <Section icon={<IconDatabase size={20} />} title="Хранилище и фоновые задачи" status={<Badge variant="light" color="gray">настраивается в файле</Badge>}>
          <Text size="sm">
            По умолчанию okk хранит всё в одном файле SQLite в каталоге данных (<Code>OKK_DATA_DIR</Code>, по умолчанию <Code>.okk</Code>). Для команды и нескольких обработчиков задайте PostgreSQL:
          </Text>
          <Code block>{'OKK_DATABASE_URL=postgres://okk@db/okk okk serve\nOKK_DATABASE_URL=postgres://okk@db/okk okk worker'}</Code>
          <Text size="sm">
            Часовой пояс отчётов — <Code>OKK_TIME_ZONE</Code> или <Code>timeZone</Code> в файле настроек (по умолчанию Europe/Moscow).
          </Text>
        </Section>
        <Section icon={<IconBrandTelegram size={20} />} title="Уведомления" status={<Badge variant="light" color="gray">в разработке</Badge>}>
          <Text size="sm">
            Сводка проблемных звонков дня уже есть в «Отчёте РОП» и в команде <Code>okk report</Code>. Рассылка в Telegram, на почту и webhook настраивается в файле настроек, когда её поддерживает ваша версия okk.
          </Text>
        </Section>
      </SimpleGrid>
    </>
  );
}
