import { z } from '@hono/zod-openapi';

import { timeZoneSchema } from './common.schemas.ts';
import { roleIdSchema, userSchema } from './session.schemas.ts';

const LOGIN = /^[\p{L}\p{N}._@+-]+$/u;
const login = z
  .string()
  .trim()
  .min(2, 'логин — не короче 2 символов')
  .max(100, 'логин — не длиннее 100 символов')
  .regex(LOGIN, 'логин — буквы, цифры и знаки «.», «_», «-», «@», «+», без пробелов')
  // zod-to-openapi would copy the regex into the document with its `/u` flag, so the pattern is set to
  // the source alone. JSON Schema reads it as an ECMA-262 pattern with Unicode property escapes.
  .openapi({ pattern: LOGIN.source });
const email = z.email('укажите адрес электронной почты, например ivanova@example.ru').max(200);
const displayName = z.string().trim().min(1, 'укажите имя пользователя').max(200);
const password = z.string().min(10, 'пароль должен быть не короче 10 символов').max(1000);

export const userCreateRequestSchema = z
  .strictObject({
    login,
    email: email.nullable().optional(),
    /** Defaults to the login. */
    displayName: displayName.optional(),
    role: roleIdSchema,
    /** Required for the `manager` role: the manager record whose calls the user sees. */
    managerId: z.number().int().positive().nullable().optional(),
    /** Required for the `head_of_sales` role: the teams whose calls the user sees. */
    teamIds: z.array(z.number().int().positive()).max(200).optional(),
    timeZone: timeZoneSchema.nullable().optional(),
    /** Without a password, one is generated and returned once in the response. */
    password: password.optional(),
  })
  .openapi('UserCreateRequest');

export type UserCreateRequest = z.infer<typeof userCreateRequestSchema>;

export const userUpdateRequestSchema = z
  .strictObject({
    email: email.nullable().optional(),
    displayName: displayName.optional(),
    role: roleIdSchema.optional(),
    managerId: z.number().int().positive().nullable().optional(),
    teamIds: z.array(z.number().int().positive()).max(200).optional(),
    timeZone: timeZoneSchema.nullable().optional(),
    /** Disabling a user ends all of their sessions at once. */
    disabled: z.boolean().optional(),
  })
  .openapi('UserUpdateRequest');

export type UserUpdateRequest = z.infer<typeof userUpdateRequestSchema>;

export const passwordResetRequestSchema = z
  .strictObject({
    /** Without a password, one is generated and returned once in the response. */
    password: password.optional(),
  })
  .openapi('PasswordResetRequest');

export type PasswordResetRequest = z.infer<typeof passwordResetRequestSchema>;

export const userWithPasswordSchema = z
  .object({
    user: userSchema,
    /** The generated password, shown only in this response, or null when the request set one. */
    generatedPassword: z.string().nullable(),
  })
  .openapi('UserWithPassword');

export type UserWithPassword = z.infer<typeof userWithPasswordSchema>;

export const userListResponseSchema = z.object({ items: z.array(userSchema) }).openapi('UserList');

export type UserListResponse = z.infer<typeof userListResponseSchema>;
