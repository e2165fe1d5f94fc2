import type { Clock } from './engine';
import type { Config } from './config';
import type { PrismaClient } from './generated/prisma/client';
import type { Logger } from './log';

/**
 * What every service receives. Services are created once in `services/index.ts`; the
 * HTTP layer only calls them.
 */
export interface AppContext {
  config: Config;
  prisma: PrismaClient;
  log: Logger;
  clock: Clock;
}
