import { AppShell, Avatar, Badge, Box, Group, Menu, NavLink, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import {
  IconChartBar,
  IconChecklist,
  IconLogout,
  IconMessageReport,
  IconPhoneCall,
  IconPlugConnected,
  IconUpload,
  IconUserCheck,
  IconUsers,
} from '@tabler/icons-react';
import type { Icon } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Suspense } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';

import type { DisputeListResponse } from '../../../src/server/schemas/reviews.schemas.ts';
import { http } from '../api/http-client.ts';
import { useLogout } from '../api/session.api.ts';
import { can, useSession } from '../auth/session-context.tsx';
import type { Access, RoleId } from '../auth/session-context.tsx';
import { InlineLoader } from '../components/states.tsx';

interface NavItem {
  to: string;
  label: string;
  icon: Icon;
  access: Access;
  /** Roles that see the item; the access rule alone when absent. */
  roles?: readonly RoleId[];
}

const NAV_ITEMS: readonly NavItem[] = [
  { to: '/my', label: 'Мой разбор', icon: IconUserCheck, access: 'coaching', roles: ['manager'] },
  { to: '/calls', label: 'Звонки', icon: IconPhoneCall, access: 'calls' },
  { to: '/disputes', label: 'Споры', icon: IconMessageReport, access: 'disputes' },
  { to: '/report', label: 'Отчёт РОП', icon: IconChartBar, access: 'report' },
  { to: '/checklists', label: 'Чек-листы', icon: IconChecklist, access: 'checklists' },
  { to: '/upload', label: 'Загрузка', icon: IconUpload, access: 'upload' },
  { to: '/users', label: 'Пользователи', icon: IconUsers, access: 'users' },
  { to: '/integrations', label: 'Интеграции', icon: IconPlugConnected, access: 'integrations' },
];

function navLabel(item: NavItem, role: RoleId): string {
  if (role === 'manager' && item.to === '/calls') {
    return 'Мои звонки';
  }
  if (role === 'manager' && item.to === '/disputes') {
    return 'Мои споры';
  }
  return item.label;
}

export function AppLayout() {
  const { session } = useSession();
  const location = useLocation();
  const role = session.user.role;
  const items = NAV_ITEMS.filter((item) => can(role, item.access) && (item.roles === undefined || item.roles.includes(role)));
  const openDisputes = useOpenDisputeCount(can(role, 'review'));

  return (
    <AppShell navbar={{ width: 216, breakpoint: 'sm' }} padding="lg">
      <AppShell.Navbar p="sm" aria-label="Разделы">
        <AppShell.Section>
          <Group gap={8} px={8} py={6} mb="sm" renderRoot={(props) => <Link to="/" {...props} />} style={{ textDecoration: 'none', color: 'inherit' }}>
            <Box w={28} h={28} bg="brand.6" style={{ borderRadius: 7, display: 'grid', placeItems: 'center' }}>
              <Text c="white" fw={800} size="sm" lh={1}>
                ОК
              </Text>
            </Box>
            <Stack gap={0}>
              <Text fw={700} lh={1.1}>
                okk
              </Text>
              <Text size="xs" c="dimmed" lh={1.1}>
                контроль качества
              </Text>
            </Stack>
          </Group>
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea}>
          {items.map((item) => (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={navLabel(item, role)}
              leftSection={<item.icon size={18} stroke={1.7} />}
              active={location.pathname === item.to || location.pathname.startsWith(`${item.to}/`)}
              rightSection={
                item.to === '/disputes' && openDisputes > 0 ? (
                  <Badge size="sm" color="orange" circle aria-label={`Открытых споров: ${String(openDisputes)}`}>
                    {openDisputes}
                  </Badge>
                ) : undefined
              }
              style={{ borderRadius: 8 }}
              fw={500}
            />
          ))}
        </AppShell.Section>
        <AppShell.Section>
          <UserMenu />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <Box maw={1440} mx="auto">
          <Suspense fallback={<InlineLoader />}>
            <Outlet />
          </Suspense>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}

/** Counts open disputes for the reviewers' menu badge; other roles do not fetch it. */
function useOpenDisputeCount(enabled: boolean): number {
  const disputes = useQuery({
    queryKey: ['disputes', 'open-count'],
    queryFn: () => http.get<DisputeListResponse>('/disputes', { status: 'open', limit: 100 }),
    enabled,
    refetchInterval: 60_000,
  });
  return disputes.data?.items.length ?? 0;
}

function initials(name: string): string {
  return name
    .split(/\s+/u)
    .filter((part) => part !== '')
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

function UserMenu() {
  const { session } = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const user = session.user;

  return (
    <Menu position="top-start" width={220}>
      <Menu.Target>
        <UnstyledButton w="100%" p={8} style={{ borderRadius: 8 }} className="okk-clickable" aria-label="Меню пользователя">
          <Group gap={8} wrap="nowrap">
            <Avatar color="brand" radius="xl" size={32}>
              {initials(user.displayName)}
            </Avatar>
            <Stack gap={0} style={{ minWidth: 0 }}>
              {/* A long name wraps like the role under it, rather than being cut to «Руководитель пр…». */}
              <Text size="sm" fw={600} lh={1.25} lineClamp={2} title={user.displayName} style={{ overflowWrap: 'break-word' }}>
                {user.displayName}
              </Text>
              <Text size="xs" c="dimmed" lh={1.25}>
                {user.roleTitle}
              </Text>
            </Stack>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.login}</Menu.Label>
        <Menu.Item
          leftSection={<IconLogout size={16} />}
          onClick={() => {
            logout.mutate(undefined, { onSettled: () => void navigate('/login') });
          }}
        >
          Выйти
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
