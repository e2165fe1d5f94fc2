/**
 * The URL each PrismaClient of createPrismaClient was made for, for the few reads that need
 * a plain pg connection of their own (the dashboard's `COPY … TO STDOUT` export). Never log it:
 * it holds the password.
 */
import type { PrismaClient } from '../generated/prisma/client';

const urls = new WeakMap<object, string>();

export function rememberClientUrl(client: PrismaClient, url: string): void {
  urls.set(client, url);
}

/** The URL `client` connects to; undefined for a client made elsewhere (or a transaction client). */
export function clientUrl(client: object): string | undefined {
  return urls.get(client);
}
