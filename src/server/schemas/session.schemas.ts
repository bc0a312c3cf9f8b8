import { z } from '@hono/zod-openapi';

import { ROLE_IDS } from '../../services/accounts/roles.ts';
import { namedRefSchema, nullableRef } from './common.schemas.ts';

export const roleIdSchema = z.enum(ROLE_IDS).openapi('RoleId');

/** A user as the API shows them, without any secret. */
export const userSchema = z
  .object({
    id: z.number().int(),
    login: z.string(),
    email: z.string().nullable(),
    displayName: z.string(),
    role: roleIdSchema,
    /** Russian name of the role. */
    roleTitle: z.string(),
    /** The manager record a `manager` user sees the calls of. */
    manager: nullableRef(namedRefSchema),
    /** The teams a `head_of_sales` user sees the calls of. */
    teams: z.array(namedRefSchema),
    /** IANA zone for dates on the user's pages, or null for the installation's zone. */
    timeZone: z.string().nullable(),
    disabled: z.boolean(),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('User');

export type UserView = z.infer<typeof userSchema>;

export const sessionResponseSchema = z
  .object({
    user: userSchema,
    /** Send this back in the `X-CSRF-Token` header of every POST, PUT, PATCH and DELETE. */
    csrfToken: z.string(),
    /** The installation's IANA time zone, used when the user has none. */
    timeZone: z.string(),
    expiresAt: z.string(),
  })
  .openapi('Session');

export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const loginRequestSchema = z
  .strictObject({
    /** Login or e-mail. */
    login: z.string().trim().min(1, 'укажите логин').max(200),
    password: z.string().min(1, 'укажите пароль').max(1000),
  })
  .openapi('LoginRequest');

export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const passwordChangeRequestSchema = z
  .strictObject({
    currentPassword: z.string().min(1, 'укажите текущий пароль').max(1000),
    newPassword: z.string().min(10, 'пароль должен быть не короче 10 символов').max(1000),
  })
  .openapi('PasswordChangeRequest');

export type PasswordChangeRequest = z.infer<typeof passwordChangeRequestSchema>;
