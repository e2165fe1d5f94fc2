/** What a request may set for users and passwords: one zod schema each, used by routes and services. */
import { z } from 'zod';
import { ROLES } from '@autonomic/api';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password';

/** Lower-case letters, digits, `.`, `_`, `-`; 2–40 characters, starting with a letter or digit. */
export const UsernameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, 'use 2–40 lower-case letters, digits, ".", "_" or "-"');

/** The password policy: at least 12 characters (demo users are seeded directly, outside it). */
export const NewPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH);

export const DisplayNameSchema = z.string().trim().min(1).max(100);
export const RoleSchema = z.enum(ROLES);

export const CreateUserSchema = z.strictObject({
  username: UsernameSchema,
  displayName: DisplayNameSchema,
  role: RoleSchema,
  password: NewPasswordSchema,
});
export type CreateUserInput = z.infer<typeof CreateUserSchema>;

export const UpdateUserSchema = z
  .strictObject({
    displayName: DisplayNameSchema.optional(),
    role: RoleSchema.optional(),
    disabled: z.boolean().optional(),
    password: NewPasswordSchema.optional(),
  })
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), { message: 'change at least one field' });
export type UpdateUserInput = z.infer<typeof UpdateUserSchema>;

/** Usernames are compared in lower case; login accepts any case and surrounding spaces. */
export const normaliseUsername = (username: string): string => username.trim().toLowerCase();
