import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type {
  PasswordResetRequest,
  UserCreateRequest,
  UserListResponse,
  UserUpdateRequest,
  UserWithPassword,
} from '../../../src/server/schemas/users.schemas.ts';
import type { UserView } from '../../../src/server/schemas/session.schemas.ts';
import { http } from './http-client.ts';

export function useUsers() {
  return useQuery({ queryKey: ['users'], queryFn: () => http.get<UserListResponse>('/users') });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UserCreateRequest) => http.post<UserWithPassword>('/users', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: UserUpdateRequest }) => http.patch<UserView>(`/users/${String(id)}`, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: PasswordResetRequest }) => http.post<UserWithPassword>(`/users/${String(id)}/password-reset`, body),
  });
}
