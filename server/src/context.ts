import type { Clock } from './engine';
import type { Config } from './config';
import type { Logger } from './log';
import type { DbClient } from './store/db';

/**
 * What every service receives. Services are created once, in `createServer`
 * (`server/src/server.ts`); the HTTP layer only calls them.
 */
export interface AppContext {
  config: Config;
  /** The database, opaque outside store/: pass it to store functions and `transaction`. */
  prisma: DbClient;
  log: Logger;
  clock: Clock;
}
