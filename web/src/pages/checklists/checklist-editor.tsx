import { Badge, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Switch, Table, TagsInput, Text, Textarea, TextInput } from '@mantine/core';

import type { ChecklistBody } from '../../../../src/server/schemas/checklists.schemas.ts';
import { useReference } from '../../api/directory.api.ts';
import { SEVERITY_TITLES } from '../../components/labels.ts';

type Criterion = ChecklistBody['criteria'][number];

interface ChecklistEditorProps {
  value: ChecklistBody;
  readOnly: boolean;
  onChange: (next: ChecklistBody) => void;
  /** Russian messages from the server, by field path (`criteria.2.weight`). */
  fieldErrors: ReadonlyMap<string, string>;
}

const PHRASE_HELP = 'Enter после каждой фразы. «а|б» — варианты, «*» — любое окончание, «@» — любое слово';

/** Edits the checklist as a form: criteria, finding severities, forbidden phrases and limits. */
export function ChecklistEditor({ value, readOnly, onChange, fieldErrors }: ChecklistEditorProps) {
  const reference = useReference();
  const kindTitle = (kind: string) => reference.data?.findingKinds.find((item) => item.id === kind)?.title ?? kind;
  const totalWeight = value.criteria.filter((criterion) => criterion.enabled).reduce((sum, criterion) => sum + criterion.weight, 0);

  const setCriterion = (index: number, patch: Partial<Criterion>) => {
    onChange({ ...value, criteria: value.criteria.map((criterion, position) => (position === index ? { ...criterion, ...patch } : criterion)) });
  };

  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Text fw={600}>Критерии</Text>
          <Text size="sm" c="dimmed">
            Сумма весов включённых критериев: {totalWeight}
          </Text>
        </Group>
        <Stack gap="sm">
          {value.criteria.map((criterion, index) => (
            <Paper key={criterion.id} withBorder p="sm" bg={criterion.enabled ? 'white' : 'gray.0'} data-testid={`criterion-editor-${criterion.id}`}>
              <Group gap="sm" align="flex-end" wrap="nowrap">
                <Switch
                  checked={criterion.enabled}
                  disabled={readOnly}
                  onChange={(event) => {
                    setCriterion(index, { enabled: event.currentTarget.checked });
                  }}
                  aria-label={`Критерий «${criterion.title}» включён`}
                  mb={8}
                />
                <TextInput
                  label="Название"
                  flex={1}
                  value={criterion.title}
                  readOnly={readOnly}
                  error={fieldErrors.get(`criteria.${String(index)}.title`)}
                  onChange={(event) => {
                    setCriterion(index, { title: event.currentTarget.value });
                  }}
                />
                <NumberInput
                  label="Вес"
                  w={90}
                  min={0}
                  max={1000}
                  decimalSeparator=","
                  value={criterion.weight}
                  readOnly={readOnly}
                  error={fieldErrors.get(`criteria.${String(index)}.weight`)}
                  onChange={(weight) => {
                    setCriterion(index, { weight: typeof weight === 'number' ? weight : 0 });
                  }}
                />
                <Switch
                  label="Критичный"
                  checked={criterion.critical}
                  disabled={readOnly}
                  onChange={(event) => {
                    setCriterion(index, { critical: event.currentTarget.checked });
                  }}
                  mb={8}
                />
              </Group>
              <Textarea
                mt="xs"
                label="Описание"
                autosize
                minRows={1}
                value={criterion.description}
                readOnly={readOnly}
                onChange={(event) => {
                  setCriterion(index, { description: event.currentTarget.value });
                }}
              />
              <SimpleGrid cols={2} mt="xs">
                <TagsInput
                  label="Фразы, которые засчитывают критерий"
                  description={readOnly ? undefined : PHRASE_HELP}
                  value={criterion.phrases}
                  readOnly={readOnly}
                  error={fieldErrors.get(`criteria.${String(index)}.phrases`)}
                  onChange={(phrases) => {
                    setCriterion(index, { phrases });
                  }}
                  clearable={!readOnly}
                />
                <TagsInput
                  label="Стоп-фразы"
                  description={readOnly ? undefined : 'Фразы, при которых критерий не засчитывается'}
                  value={criterion.stopPhrases}
                  readOnly={readOnly}
                  error={fieldErrors.get(`criteria.${String(index)}.stopPhrases`)}
                  onChange={(stopPhrases) => {
                    setCriterion(index, { stopPhrases });
                  }}
                  clearable={!readOnly}
                />
              </SimpleGrid>
            </Paper>
          ))}
        </Stack>
      </Paper>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Paper withBorder p="md">
          <Text fw={600} mb="sm">
            Находки и их важность
          </Text>
          <Table verticalSpacing={4}>
            <Table.Tbody>
              {value.findings.map((finding, index) => (
                <Table.Tr key={finding.kind}>
                  <Table.Td>
                    <Switch
                      size="sm"
                      label={kindTitle(finding.kind)}
                      checked={finding.enabled}
                      disabled={readOnly}
                      onChange={(event) => {
                        const enabled = event.currentTarget.checked;
                        onChange({ ...value, findings: value.findings.map((item, position) => (position === index ? { ...item, enabled } : item)) });
                      }}
                    />
                  </Table.Td>
                  <Table.Td w={170}>
                    {readOnly ? (
                      <Badge variant="light">{SEVERITY_TITLES[finding.severity]}</Badge>
                    ) : (
                      <Select
                        size="xs"
                        aria-label={`Важность: ${kindTitle(finding.kind)}`}
                        data={(['critical', 'major', 'minor'] as const).map((severity) => ({ value: severity, label: SEVERITY_TITLES[severity] }))}
                        value={finding.severity}
                        allowDeselect={false}
                        onChange={(severity) => {
                          onChange({ ...value, findings: value.findings.map((item, position) => (position === index ? { ...item, severity: (severity ?? item.severity) } : item)) });
                        }}
                      />
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
        <Stack gap="md">
          <Paper withBorder p="md">
            <TagsInput
              label="Запрещённые фразы"
              description="Каждая найденная в речи менеджера фраза — находка «Стоп-фраза»"
              value={value.forbiddenPhrases}
              readOnly={readOnly}
              error={fieldErrors.get('forbiddenPhrases')}
              onChange={(forbiddenPhrases) => {
                onChange({ ...value, forbiddenPhrases });
              }}
              clearable={!readOnly}
            />
          </Paper>
          <Paper withBorder p="md">
            <Text fw={600} mb="sm">
              Пороги
            </Text>
            <SimpleGrid cols={3}>
              <NumberInput
                label="Долгое ожидание, с"
                min={1}
                value={value.settings.longHoldSec}
                readOnly={readOnly}
                error={fieldErrors.get('settings.longHoldSec')}
                onChange={(longHoldSec) => {
                  onChange({ ...value, settings: { ...value.settings, longHoldSec: typeof longHoldSec === 'number' ? longHoldSec : 0 } });
                }}
              />
              <NumberInput
                label="Предел оценки при критичной ошибке"
                min={0}
                max={100}
                value={value.settings.criticalCap}
                readOnly={readOnly}
                error={fieldErrors.get('settings.criticalCap')}
                onChange={(criticalCap) => {
                  onChange({ ...value, settings: { ...value.settings, criticalCap: typeof criticalCap === 'number' ? criticalCap : 0 } });
                }}
              />
              <NumberInput
                label="Мин. темп речи, слов в минуту"
                min={0}
                value={value.settings.minWordsPerMinute}
                readOnly={readOnly}
                onChange={(minWordsPerMinute) => {
                  onChange({ ...value, settings: { ...value.settings, minWordsPerMinute: typeof minWordsPerMinute === 'number' ? minWordsPerMinute : 0 } });
                }}
              />
            </SimpleGrid>
          </Paper>
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
