/** The session cookie on the wire: its name, attributes and how it is read (no cookie-parser needed). */
import type { CookieOptions, Request } from 'express';
import type { Config } from '../config';

export const SESSION_COOKIE = 'autonomic_session';

export function sessionCookieOptions(config: Config, maxAgeMs: number): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: config.COOKIE_SECURE, maxAge: maxAgeMs };
}

/** Clearing must repeat the attributes the cookie was set with, except its age. */
export function clearedCookieOptions(config: Config): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: config.COOKIE_SECURE };
}

/** The session cookie's value, or undefined. */
export function readSessionCookie(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    return value.length > 0 ? value : undefined;
  }
  return undefined;
}
