import { Alert, Box, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';

import { ApiError, errorMessage } from '../../api/http-client.ts';
import { useLogin, useSessionQuery } from '../../api/session.api.ts';
import { homePath } from '../../auth/session-context.tsx';

/** Only paths inside the app are followed after login, so a crafted link cannot send the user away. */
function safeNext(next: string | null): string | null {
  return next !== null && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

function loginError(error: unknown): string {
  if (error instanceof ApiError && error.status === 401) {
    return 'Неверный логин или пароль. Проверьте раскладку клавиатуры и Caps Lock.';
  }
  if (error instanceof ApiError && error.status === 429) {
    return error.message === '' ? 'Слишком много попыток входа. Подождите несколько минут и попробуйте снова.' : error.message;
  }
  return errorMessage(error);
}

export function LoginPage() {
  const session = useSessionQuery();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form, setForm] = useState({ login: '', password: '' });
  const [touched, setTouched] = useState(false);

  if (session.data) {
    return <Navigate to={safeNext(params.get('next')) ?? homePath(session.data.user.role)} replace />;
  }

  const loginMissing = touched && form.login.trim() === '';
  const passwordMissing = touched && form.password === '';

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTouched(true);
    if (form.login.trim() === '' || form.password === '') {
      return;
    }
    login.mutate(
      { login: form.login.trim(), password: form.password },
      { onSuccess: (next) => void navigate(safeNext(params.get('next')) ?? homePath(next.user.role), { replace: true }) },
    );
  };

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper withBorder shadow="sm" p={32} w={400} radius="lg">
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Box>
              <Title order={2} fz={24}>
                Вход в okk
              </Title>
              <Text c="dimmed" size="sm">
                Контроль качества звонков отдела продаж
              </Text>
            </Box>
            {login.isError && (
              <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
                {loginError(login.error)}
              </Alert>
            )}
            <TextInput
              label="Логин или e-mail"
              name="login"
              autoComplete="username"
              autoFocus
              value={form.login}
              onChange={(event) => {
                setForm({ ...form, login: event.currentTarget.value });
              }}
              error={loginMissing ? 'Укажите логин' : undefined}
            />
            <PasswordInput
              label="Пароль"
              name="password"
              autoComplete="current-password"
              value={form.password}
              onChange={(event) => {
                setForm({ ...form, password: event.currentTarget.value });
              }}
              error={passwordMissing ? 'Укажите пароль' : undefined}
            />
            <Button type="submit" loading={login.isPending} fullWidth mt="xs">
              Войти
            </Button>
            <Text size="xs" c="dimmed">
              Забыли пароль? Его сбросит администратор okk на странице «Пользователи».
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
