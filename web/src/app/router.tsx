import { createBrowserRouter, Navigate } from 'react-router';

import { RequireAccess } from './require-access.tsx';
import { SessionGate } from './session-gate.tsx';
import { AppLayout } from './app-layout.tsx';
import { HomeRedirect } from './home-redirect.tsx';
import { InlineLoader } from '../components/states.tsx';
import { NotFoundPage } from '../pages/not-found.page.tsx';

/** Pages are split into their own chunks so the first screen loads only what it shows. */
export const router = createBrowserRouter([
  {
    path: '/login',
    hydrateFallbackElement: <InlineLoader />,
    lazy: async () => ({ Component: (await import('../pages/login/login.page.tsx')).LoginPage }),
  },
  {
    element: <SessionGate />,
    hydrateFallbackElement: <InlineLoader />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomeRedirect /> },
          {
            path: 'calls',
            element: <RequireAccess access="calls" />,
            children: [
              { index: true, lazy: async () => ({ Component: (await import('../pages/calls/calls.page.tsx')).CallsPage }) },
              { path: ':callId', lazy: async () => ({ Component: (await import('../pages/review/call-review.page.tsx')).CallReviewPage }) },
            ],
          },
          {
            path: 'my',
            lazy: async () => ({ Component: (await import('../pages/coaching/coaching.page.tsx')).MyCoachingPage }),
          },
          {
            path: 'managers/:managerId',
            element: <RequireAccess access="report" />,
            children: [{ index: true, lazy: async () => ({ Component: (await import('../pages/coaching/coaching.page.tsx')).ManagerCoachingPage }) }],
          },
          {
            path: 'disputes',
            element: <RequireAccess access="disputes" />,
            children: [{ index: true, lazy: async () => ({ Component: (await import('../pages/disputes/disputes.page.tsx')).DisputesPage }) }],
          },
          {
            path: 'report',
            element: <RequireAccess access="report" />,
            children: [{ index: true, lazy: async () => ({ Component: (await import('../pages/report/report.page.tsx')).ReportPage }) }],
          },
          {
            path: 'checklists',
            element: <RequireAccess access="checklists" />,
            children: [
              { index: true, element: <Navigate to="sales-default" replace /> },
              { path: ':checklistId', lazy: async () => ({ Component: (await import('../pages/checklists/checklists.page.tsx')).ChecklistsPage }) },
            ],
          },
          {
            path: 'upload',
            element: <RequireAccess access="upload" />,
            children: [{ index: true, lazy: async () => ({ Component: (await import('../pages/upload/upload.page.tsx')).UploadPage }) }],
          },
          {
            path: 'users',
            element: <RequireAccess access="users" />,
            children: [{ index: true, lazy: async () => ({ Component: (await import('../pages/users/users.page.tsx')).UsersPage }) }],
          },
          {
            path: 'integrations',
            element: <RequireAccess access="integrations" />,
            children: [{ index: true, lazy: async () => ({ Component: (await import('../pages/integrations/integrations.page.tsx')).IntegrationsPage }) }],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
