import { Alert, Button, Group, Modal, MultiSelect, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';

import type { UserView } from '../../../../src/server/schemas/session.schemas.ts';
import type { UserCreateRequest } from '../../../../src/server/schemas/users.schemas.ts';
import { useManagers, useReference, useTeams } from '../../api/directory.api.ts';
import { errorMessage } from '../../api/http-client.ts';
import { useCreateUser, useUpdateUser } from '../../api/users.api.ts';
import type { RoleId } from '../../auth/session-context.tsx';

interface UserFormProps {
  /** The user to edit, or null to create one. */
  user: UserView | null;
  opened: boolean;
  onClose: () => void;
  onCreated: (login: string, password: string | null) => void;
}

export function UserFormDialog({ user, opened, onClose, onCreated }: UserFormProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={user === null ? 'Новый пользователь' : `Пользователь ${user.login}`} size="lg" centered>
      {opened && <UserForm user={user} onClose={onClose} onCreated={onCreated} />}
    </Modal>
  );
}

function UserForm({ user, onClose, onCreated }: Omit<UserFormProps, 'opened'>) {
  const reference = useReference();
  const managers = useManagers();
  const teams = useTeams();
  const create = useCreateUser();
  const update = useUpdateUser();
  const [login, setLogin] = useState(user?.login ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [role, setRole] = useState<RoleId>(user?.role ?? 'manager');
  const [managerId, setManagerId] = useState<string | null>(user?.manager === null || user?.manager === undefined ? null : String(user.manager.id));
  const [teamIds, setTeamIds] = useState<string[]>(user?.teams.map((team) => String(team.id)) ?? []);
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);

  const mutation = user === null ? create : update;
  const missingLink = (role === 'manager' && managerId === null) || (role === 'head_of_sales' && teamIds.length === 0);

  const submit = () => {
    setTouched(true);
    if (displayName.trim() === '' || (user === null && login.trim() === '') || missingLink) {
      return;
    }
    const links = {
      managerId: role === 'manager' && managerId !== null ? Number(managerId) : null,
      teamIds: role === 'head_of_sales' ? teamIds.map(Number) : [],
    };
    if (user === null) {
      const body: UserCreateRequest = { login: login.trim(), displayName: displayName.trim(), email: email.trim() === '' ? null : email.trim(), role, ...links, ...(password === '' ? {} : { password }) };
      create.mutate(body, {
        onSuccess: (created) => {
          onCreated(created.user.login, created.generatedPassword);
          onClose();
        },
      });
    } else {
      update.mutate({ id: user.id, body: { displayName: displayName.trim(), email: email.trim() === '' ? null : email.trim(), role, ...links } }, { onSuccess: onClose });
    }
  };

  return (
    <Stack gap="sm">
      <Group grow>
        <TextInput label="Логин" value={login} disabled={user !== null} onChange={(event) => {
          setLogin(event.currentTarget.value);
        }} error={touched && user === null && login.trim() === '' ? 'Укажите логин' : undefined} />
        <TextInput label="Имя" placeholder="Анна Петрова" value={displayName} onChange={(event) => {
          setDisplayName(event.currentTarget.value);
        }} error={touched && displayName.trim() === '' ? 'Укажите имя' : undefined} />
      </Group>
      <TextInput label="E-mail" placeholder="petrova@example.ru" value={email} onChange={(event) => {
        setEmail(event.currentTarget.value);
      }} />
      <Select
        label="Роль"
        data={(reference.data?.roles ?? []).map((item) => ({ value: item.id, label: item.title }))}
        value={role}
        allowDeselect={false}
        onChange={(value) => {
          if (value !== null) {
            setRole(value);
          }
        }}
      />
      {role === 'manager' && (
        <Select
          label="Карточка менеджера"
          description="Пользователь увидит только звонки этого менеджера"
          searchable
          data={(managers.data?.items ?? []).map((manager) => ({ value: String(manager.id), label: manager.team === null ? manager.name : `${manager.name} · ${manager.team.name}` }))}
          value={managerId}
          onChange={setManagerId}
          error={touched && managerId === null ? 'Выберите менеджера' : undefined}
          nothingFoundMessage="Менеджер появится после первого звонка с его именем"
        />
      )}
      {role === 'head_of_sales' && (
        <MultiSelect
          label="Команды"
          description="Руководитель увидит звонки и отчёт этих команд"
          data={(teams.data?.items ?? []).map((team) => ({ value: String(team.id), label: team.name }))}
          value={teamIds}
          onChange={setTeamIds}
          error={touched && teamIds.length === 0 ? 'Выберите хотя бы одну команду' : undefined}
        />
      )}
      {user === null && (
        <PasswordInput
          label="Пароль"
          description="Не короче 10 символов. Оставьте пустым — okk придумает пароль и покажет его один раз"
          value={password}
          onChange={(event) => {
            setPassword(event.currentTarget.value);
          }}
        />
      )}
      {mutation.isError && <Alert color="red">{errorMessage(mutation.error)}</Alert>}
      {role === 'admin' && (
        <Text size="xs" c="dimmed">
          Администратор видит все звонки и управляет пользователями, чек-листами и интеграциями.
        </Text>
      )}
      <Group justify="flex-end" mt="xs">
        <Button variant="default" onClick={onClose}>
          Отмена
        </Button>
        <Button loading={mutation.isPending} onClick={submit}>
          {user === null ? 'Создать' : 'Сохранить'}
        </Button>
      </Group>
    </Stack>
  );
}
