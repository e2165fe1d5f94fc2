import { z } from 'zod';

export const ROLES = ['analyst', 'reviewer', 'manager', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Who is calling: a signed-in user (cookie) or a machine/CLI (API token). */
export interface Actor {
  userId: string;
  username: string;
  role: Role;
  via: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
}
