/** The user directory (everyone signed in) and user administration (admin). */
import { z } from 'zod';
import { Role } from '../actor';
import { defineRoute } from '../contract';
import { Instant } from '../fields';
import { NewPassword } from './auth';
import { UserSummary } from './common';

/** Lower-case letters, digits, `.`, `_`, `-`; 2–40 characters, starting with a letter or digit. */
export const Username = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, 'use 2–40 lower-case letters, digits, ".", "_" or "-"');
export const DisplayName = z.string().trim().min(1).max(100);

export const CreateUserBody = z.strictObject({
  username: Username,
  displayName: DisplayName,
  role: Role,
  password: NewPassword,
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z
  .strictObject({
    displayName: DisplayName.optional(),
    role: Role.optional(),
    disabled: z.boolean().optional(),
    password: NewPassword.optional(),
  })
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), { message: 'change at least one field' });
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

/** A user as an admin sees them. */
export const UserAccount = UserSummary.extend({ disabled: z.boolean(), createdAt: Instant });
export type UserAccount = z.infer<typeof UserAccount>;

const tag = 'users';

export const usersApi = {
  directory: defineRoute({
    method: 'get',
    path: '/users/directory',
    summary: 'Enabled users, reduced to id, username, display name and role (to pick reviewers)',
    tag,
    access: 'authenticated',
    response: z.object({ users: z.array(UserSummary) }),
  }),
  list: defineRoute({
    method: 'get',
    path: '/users',
    summary: 'All users, disabled ones included',
    tag,
    access: ['admin'],
    response: z.object({ users: z.array(UserAccount) }),
  }),
  create: defineRoute({
    method: 'post',
    path: '/users',
    summary: 'Create a user (password: at least 12 characters)',
    tag,
    access: ['admin'],
    body: CreateUserBody,
    response: UserAccount,
    status: 201,
  }),
  update: defineRoute({
    method: 'patch',
    path: '/users/:id',
    summary: 'Change display name, role, disabled flag or password; admins cannot disable or demote themselves',
    tag,
    access: ['admin'],
    params: z.object({ id: z.uuid() }),
    body: UpdateUserBody,
    response: UserAccount,
  }),
};
