import { Cron } from 'croner';
import type { TriggerStatus } from '@autonomic/api';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import { NotFoundError } from '../../errors';
import { findLastTick, findPublishedTrigger } from '../../store/trigger-status';
import { cronInWords } from './cron-words';
import { exampleEvent } from './example-event';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The next tick after `now`; null when the pattern does not parse or has no future tick. */
function nextTick(cron: string, timezone: string, now: number): Date | null {
  try {
    return new Cron(cron, { timezone }).nextRun(new Date(now)) ?? null;
  } catch {
    return null;
  }
}

/**
 * How a workflow's published version starts (for its settings page): the trigger type, an
 * example event from its input schema, and for a schedule its cron in words, next tick
 * (computed here as the scheduler does) and last recorded tick with its run.
 */
export async function triggerStatus(ctx: AppContext, workflowId: string): Promise<z.input<typeof TriggerStatus>> {
  const trigger = await findPublishedTrigger(ctx.prisma, workflowId);
  if (!trigger) throw new NotFoundError('workflow');
  const params = isRecord(trigger.params) ? trigger.params : {};
  const cron = trigger.type === 'trigger.schedule' && typeof params['cron'] === 'string' ? params['cron'] : null;
  if (cron === null)
    return {
      triggerType: trigger.type,
      exampleEvent: exampleEvent(trigger.inputSchema),
      inputSchema: trigger.inputSchema ?? undefined,
      schedule: null,
    };
  const timezone = typeof params['timezone'] === 'string' ? params['timezone'] : 'UTC';
  return {
    triggerType: trigger.type,
    exampleEvent: exampleEvent(trigger.inputSchema),
    inputSchema: trigger.inputSchema ?? undefined,
    schedule: {
      cron,
      timezone,
      description: cronInWords(cron),
      nextAt: nextTick(cron, timezone, ctx.clock.now()),
      lastTick: await findLastTick(ctx.prisma, workflowId),
    },
  };
}
