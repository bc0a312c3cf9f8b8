import { Button, Group, MultiSelect, Paper, RangeSlider, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch, IconX } from '@tabler/icons-react';
import { useState } from 'react';

import { useManagers, useReference, useTeams } from '../../api/directory.api.ts';
import { can, useSession } from '../../auth/session-context.tsx';
import { DateRangeInput } from '../../components/date-range-input.tsx';
import { renderFullPill } from '../../components/full-pill.tsx';
import { activeFilterCount } from './call-filters.ts';
import type { CallFilters } from './call-filters.ts';

interface CallsFilterBarProps {
  filters: CallFilters;
  onChange: (next: CallFilters) => void;
  /** Dictionary forms the text search looked for, to show the user what «все формы слова» means. */
  searchLemmas: readonly string[];
}

export function CallsFilterBar({ filters, onChange, searchLemmas }: CallsFilterBarProps) {
  const { session } = useSession();
  const isManager = session.user.role === 'manager';
  const reference = useReference();
  const managers = useManagers(!isManager);
  const teams = useTeams(!isManager);
  const [search, setSearch] = useState(filters.q);
  const [scoreRange, setScoreRange] = useState<[number, number]>([filters.scoreMin ?? 0, filters.scoreMax ?? 100]);
  const commitSearch = useDebouncedCallback((q: string) => {
    onChange({ ...filters, q });
  }, 400);

  const count = activeFilterCount(filters);

  return (
    <Paper withBorder p="md" mb="md">
      <Stack gap="sm">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <TextInput
            flex={1}
            label="Поиск по тексту разговора"
            placeholder="Например: перезвоню, скидка — ищет все формы слова"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(event) => {
              setSearch(event.currentTarget.value);
              commitSearch(event.currentTarget.value);
            }}
            aria-label="Поиск по тексту разговора"
            description={filters.q.trim() !== '' && searchLemmas.length > 0 ? `Ищем все формы: ${searchLemmas.join(', ')}` : undefined}
            inputWrapperOrder={['label', 'input', 'description']}
          />
          <DateRangeInput
            label="Период"
            placeholder="Все даты"
            valueFormat="DD.MM.YYYY"
            clearable
            allowSingleDateInRange
            w={240}
            value={[filters.from, filters.to]}
            onApply={(from, to) => {
              onChange({ ...filters, from, to });
            }}
          />
          <Select
            label="Направление"
            w={140}
            data={[
              { value: 'all', label: 'Все' },
              { value: 'inbound', label: 'Входящие' },
              { value: 'outbound', label: 'Исходящие' },
            ]}
            value={filters.direction ?? 'all'}
            allowDeselect={false}
            onChange={(value) => {
              onChange({ ...filters, direction: value === 'inbound' || value === 'outbound' ? value : null });
            }}
          />
          <Stack gap={4} w={200}>
            <Text size="sm" fw={500}>
              Оценка: {scoreRange[0]}–{scoreRange[1]}
            </Text>
            <RangeSlider
              min={0}
              max={100}
              step={5}
              minRange={5}
              value={scoreRange}
              onChange={setScoreRange}
              onChangeEnd={([min, max]) => {
                onChange({ ...filters, scoreMin: min === 0 ? null : min, scoreMax: max === 100 ? null : max });
              }}
              label={null}
              aria-label="Диапазон оценки"
              mt={10}
            />
          </Stack>
        </Group>
        {/* Four lists to a row leave each one room for a selected name such as «Марина Кузьмина». */}
        <SimpleGrid cols={isManager ? 2 : 4} spacing="sm">
          {!isManager && (
            <MultiSelect
              renderPill={renderFullPill}
              label="Менеджер"
              placeholder={filters.managerId.length === 0 ? 'Все менеджеры' : undefined}
              searchable
              clearable
              nothingFoundMessage="Нет такого менеджера"
              data={(managers.data?.items ?? []).map((manager) => ({ value: String(manager.id), label: manager.name }))}
              value={filters.managerId}
              onChange={(managerId) => {
                onChange({ ...filters, managerId });
              }}
            />
          )}
          {!isManager && (
            <MultiSelect
              renderPill={renderFullPill}
              label="Команда"
              placeholder={filters.teamId.length === 0 ? 'Все команды' : undefined}
              clearable
              data={(teams.data?.items ?? []).map((team) => ({ value: String(team.id), label: team.name }))}
              value={filters.teamId}
              onChange={(teamId) => {
                onChange({ ...filters, teamId });
              }}
            />
          )}
          <MultiSelect
            renderPill={renderFullPill}
            label="Находка"
            placeholder={filters.findingKind.length === 0 ? 'Любые' : undefined}
            searchable
            clearable
            data={(reference.data?.findingKinds ?? []).map((kind) => ({ value: kind.id, label: kind.title }))}
            value={filters.findingKind}
            onChange={(findingKind) => {
              onChange({ ...filters, findingKind });
            }}
          />
          <MultiSelect
            renderPill={renderFullPill}
            label="Не выполнен критерий"
            placeholder={filters.failedCriterion.length === 0 ? 'Любые' : undefined}
            searchable
            clearable
            data={(reference.data?.criteria ?? []).map((criterion) => ({ value: criterion.id, label: criterion.title }))}
            value={filters.failedCriterion}
            onChange={(failedCriterion) => {
              onChange({ ...filters, failedCriterion });
            }}
          />
        </SimpleGrid>
        {count > 0 && can(session.user.role, 'calls') && (
          <Group justify="flex-end">
            <Button
              variant="subtle"
              size="xs"
              leftSection={<IconX size={14} />}
              onClick={() => {
                setSearch('');
                setScoreRange([0, 100]);
                onChange({ ...filters, from: null, to: null, managerId: [], teamId: [], direction: null, scoreMin: null, scoreMax: null, findingKind: [], failedCriterion: [], q: '' });
              }}
            >
              Сбросить фильтры
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
