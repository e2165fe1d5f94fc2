/** What createExecutor needs around it in a benchmark: a quiet context, allow-all safety. */
import { pino } from 'pino';
import { loadConfig } from '../../src/config';
import type { AppContext } from '../../src/context';
import { systemClock } from '../../src/engine';
import type { SafetySource } from '../../src/services/contracts';

export const benchContext = (prisma: AppContext['prisma']): AppContext => ({
  config: loadConfig({ SEED_DEMO: 'false', SEED_HISTORY: 'false' }),
  prisma,
  log: pino({ level: 'warn' }),
  clock: systemClock,
});

export const allowAll: SafetySource = {
  port: () => ({ check: async () => ({ decision: 'allow' }) }),
  list: async () => ({ protected: [], autoOk: [] }),
};

/** Epoch milliseconds with sub-millisecond precision, comparable across processes. */
export const epochMs = (): number => performance.timeOrigin + performance.now();
