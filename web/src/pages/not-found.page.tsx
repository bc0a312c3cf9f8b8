import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <Center py={80}>
      <Stack align="center" gap="sm">
        <Title order={2}>Страница не найдена</Title>
        <Text c="dimmed">Возможно, ссылка устарела или в ней опечатка.</Text>
        <Button component={Link} to="/">
          На главную
        </Button>
      </Stack>
    </Center>
  );
}
