import type { Clock } from './engine';
import type { Config } from './config';
import type { Logger } from './log';
import type { Database } from './store/db';

/**
 * What every service receives. Services are created once in `services/index.ts`; the
 * HTTP layer only calls them.
 */
export interface AppContext {
  config: Config;
  /** The database, opaque outside store/: pass it to store functions and `transaction`. */
  prisma: Database;
  log: Logger;
  clock: Clock;
}
