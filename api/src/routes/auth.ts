/**
 * Sign in, sign out, who am I, change my password. A signed-in browser holds an httpOnly
 * session cookie and sends the CSRF token of the session back on every unsafe request.
 */
import { z } from 'zod';
import { defineRoute } from '../contract';
import { UserSummary } from './common';
import { TokenInfo } from './tokens';

/** The password policy for passwords people choose (demo users are seeded directly, outside it). */
export const MIN_PASSWORD_LENGTH = 12;
/** Bounds the hashing work one request can cause. */
export const MAX_PASSWORD_LENGTH = 1024;

export const NewPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH);

export const LoginBody = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  newPassword: NewPassword,
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

/** Who is signed in, and the CSRF token of their session. */
export const SignedIn = z.object({
  user: UserSummary,
  /** Send it back as `x-csrf-token` on every POST/PUT/PATCH/DELETE made with the cookie; null for API tokens. */
  csrfToken: z.string().nullable(),
});
export type SignedIn = z.infer<typeof SignedIn>;

/** The answer to a password change: the caller's API tokens that still work, to revoke those not trusted. */
export const PasswordChanged = z.object({
  tokens: z
    .array(TokenInfo)
    .describe('your API tokens that are neither revoked nor expired, newest first; revoke with DELETE /api/tokens/:id'),
});
export type PasswordChanged = z.infer<typeof PasswordChanged>;

export const authApi = {
  login: defineRoute({
    method: 'post',
    path: '/auth/login',
    summary: 'Sign in: sets the httpOnly session cookie and returns the CSRF token',
    tag: 'auth',
    access: 'public',
    body: LoginBody,
    response: SignedIn,
  }),
  logout: defineRoute({
    method: 'post',
    path: '/auth/logout',
    summary: 'Sign out: ends the session and clears the cookie',
    tag: 'auth',
    access: 'public',
    status: 204,
  }),
  me: defineRoute({
    method: 'get',
    path: '/auth/me',
    summary: 'The signed-in user and the CSRF token of the session',
    tag: 'auth',
    access: 'authenticated',
    response: SignedIn,
  }),
  password: defineRoute({
    method: 'post',
    path: '/auth/password',
    summary:
      'Change your own password from a signed-in session (not an API token): ends your other sessions and lists your API tokens that still work',
    tag: 'auth',
    access: 'authenticated',
    body: ChangePasswordBody,
    response: PasswordChanged,
  }),
};
