import { ActionIcon, Alert, Badge, Button, Code, CopyButton, Group, Menu, Paper, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCopy, IconDots, IconKey, IconPencil, IconPlus, IconUserOff, IconUserCheck } from '@tabler/icons-react';
import { useState } from 'react';

import type { UserView } from '../../../../src/server/schemas/session.schemas.ts';
import { errorMessage } from '../../api/http-client.ts';
import { useResetPassword, useUpdateUser, useUsers } from '../../api/users.api.ts';
import { useSession } from '../../auth/session-context.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { formatDateTime } from '../../format/russian-format.ts';
import { UserFormDialog } from './user-form.tsx';

const ROLE_COLORS: Record<UserView['role'], string> = { admin: 'grape', head_of_sales: 'brand', qa_reviewer: 'teal', manager: 'gray' };

export function UsersPage() {
  const { session, timeZone } = useSession();
  const users = useUsers();
  const update = useUpdateUser();
  const reset = useResetPassword();
  const [editing, setEditing] = useState<UserView | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [secret, setSecret] = useState<{ login: string; password: string } | null>(null);

  const links = (user: UserView) => {
    if (user.role === 'manager') {
      return user.manager?.name ?? 'не связан с менеджером';
    }
    if (user.role === 'head_of_sales') {
      return user.teams.length === 0 ? 'команды не выбраны' : user.teams.map((team) => team.name).join(', ');
    }
    return 'все звонки';
  };

  return (
    <>
      <PageHeader
        title="Пользователи"
        description="Кто входит в okk, с какой ролью и чьи звонки видит"
        actions={
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => {
              setEditing(null);
              setFormOpen(true);
            }}
          >
            Добавить пользователя
          </Button>
        }
      />
      {secret !== null && (
        <Alert
          color="teal"
          mb="md"
          title={`Пароль для ${secret.login}`}
          withCloseButton
          onClose={() => {
            setSecret(null);
          }}
        >
          <Group gap="xs">
            <Code fz="md">{secret.password}</Code>
            <CopyButton value={secret.password}>
              {({ copied, copy }) => (
                <Button size="compact-xs" variant="light" leftSection={<IconCopy size={12} />} onClick={copy}>
                  {copied ? 'Скопировано' : 'Скопировать'}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text size="sm" mt={4}>
            Передайте пароль пользователю. Больше он нигде не показывается.
          </Text>
        </Alert>
      )}
      {users.isError && <ErrorState error={users.error} onRetry={() => void users.refetch()} />}
      {users.isPending && <LoadingState />}
      {users.data !== undefined && (
        <Paper withBorder>
          {users.data.items.length === 0 ? (
            <EmptyState title="Пользователей нет" />
          ) : (
            <Table verticalSpacing={8} horizontalSpacing="md">
              <Table.Thead bg="gray.0">
                <Table.Tr>
                  <Table.Th>Пользователь</Table.Th>
                  <Table.Th>Роль</Table.Th>
                  <Table.Th>Видит звонки</Table.Th>
                  <Table.Th>Последний вход</Table.Th>
                  <Table.Th w={48} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.data.items.map((user) => (
                  <Table.Tr key={user.id} opacity={user.disabled ? 0.55 : 1} data-testid={`user-${user.login}`}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {user.displayName}
                        {user.disabled && (
                          <Badge ml={6} size="xs" color="gray">
                            вход отключён
                          </Badge>
                        )}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {user.login}
                        {user.email !== null && ` · ${user.email}`}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={ROLE_COLORS[user.role]}>
                        {user.roleTitle}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={links(user).startsWith('не ') || links(user).startsWith('команды не') ? 'orange.8' : 'dark'}>
                        {links(user)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {user.lastLoginAt === null ? 'входа ещё не было' : formatDateTime(user.lastLoginAt, timeZone)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <Tooltip label="Действия">
                            <ActionIcon variant="subtle" color="gray" aria-label={`Действия с ${user.login}`}>
                              <IconDots size={18} />
                            </ActionIcon>
                          </Tooltip>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item
                            leftSection={<IconPencil size={14} />}
                            onClick={() => {
                              setEditing(user);
                              setFormOpen(true);
                            }}
                          >
                            Изменить роль и доступ
                          </Menu.Item>
                          <Menu.Item
                            leftSection={<IconKey size={14} />}
                            onClick={() => {
                              reset.mutate(
                                { id: user.id, body: {} },
                                {
                                  onSuccess: (result) => {
                                    setSecret({ login: user.login, password: result.generatedPassword ?? '' });
                                  },
                                  onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
                                },
                              );
                            }}
                          >
                            Сбросить пароль
                          </Menu.Item>
                          <Menu.Item
                            leftSection={user.disabled ? <IconUserCheck size={14} /> : <IconUserOff size={14} />}
                            color={user.disabled ? 'dark' : 'red'}
                            disabled={user.id === session.user.id}
                            onClick={() => {
                              update.mutate(
                                { id: user.id, body: { disabled: !user.disabled } },
                                {
                                  onSuccess: () => notifications.show({ message: disabledNotice(user.displayName, !user.disabled) }),
                                  onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
                                },
                              );
                            }}
                          >
                            {user.disabled ? 'Включить' : 'Отключить'}
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      )}
      <UserFormDialog
        user={editing}
        opened={formOpen}
        onClose={() => {
          setFormOpen(false);
        }}
        onCreated={(login, password) => {
          notifications.show({ color: 'teal', message: `Пользователь ${login} создан` });
          if (password !== null) {
            setSecret({ login, password });
          }
        }}
      />
    </>
  );
}

/** Tells the admin the result of «Отключить» or «Включить» in words that fit any user's gender. */
function disabledNotice(displayName: string, disabled: boolean): string {
  return disabled ? `Пользователь «${displayName}» отключён: вход закрыт, открытые сеансы завершены` : `Пользователь «${displayName}» снова может входить`;
}
