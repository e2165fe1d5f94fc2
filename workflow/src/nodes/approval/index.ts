import { z } from 'zod';
import { Duration, durationMs } from '../../duration';
import { Template } from '../../expression-fields';
import { list, record, text } from '../text';
import { defineNode } from '../types';

const users = z
  .array(z.string().min(1, 'a user name cannot be empty').max(128))
  .max(100, 'at most 100 users')
  .default([]);
const roles = z.array(z.string().min(1, 'a role cannot be empty').max(64)).max(20, 'at most 20 roles').default([]);

/** Who may decide: named users and/or everyone with a role. */
export const Approvers = z
  .object({ users, roles })
  .strict()
  .refine((a) => a.users.length + a.roles.length > 0, 'name at least one user or role');

/**
 * An approval step's own approvers: named users and roles and/or, with `targetOwner`, the
 * owner of the target asset — the owner (from the asset inventory) of each target of the
 * actions the step guards is asked, as a user when the directory has one by that name.
 * When no owner is found the named users and roles are asked, and when there are none the
 * first escalation level at once (so `targetOwner` alone needs an escalation level).
 */
export const StepApprovers = z
  .object({
    users,
    roles,
    targetOwner: z.boolean().default(false).meta({ title: 'The owner of the target asset' }),
  })
  .strict()
  .refine((a) => a.targetOwner || a.users.length + a.roles.length > 0, 'name at least one user or role');

export const EscalationStep = z
  .object({
    /** Time since the task was created. */
    after: Duration,
    approvers: Approvers,
    /** A break-glass level: shown as such and audited as such. */
    breakGlass: z.boolean().default(true),
    label: z.string().max(80).optional(),
  })
  .strict();

/**
 * Skip the approval when every target of the actions it guards (the write and destructive
 * steps reachable from `approved` before the next approval) is on the auto-OK list, none is
 * protected and, with `belowCriticality`, every matching entry is less critical than that.
 * The skip leaves by `approved`, decided by policy.
 */
export const SkipWhenAutoOk = z
  .object({
    enabled: z.boolean().default(false),
    belowCriticality: z.enum(['medium', 'high', 'critical']).optional(),
  })
  .strict();

export const approval = defineNode({
  type: 'approval',
  category: 'human',
  label: 'Approval',
  description:
    'Asks people to approve. Escalates to the next group (break glass) when nobody answers in time, and takes the timeout decision at the end.',
  icon: ['M9 11a4 4 0 1 0 0-8a4 4 0 1 0 0 8z', 'M2 21c0-4 3-7 7-7s7 3 7 7', 'M16 11l2 2 4-4'],
  params: z
    .object({
      approvers: StepApprovers,
      quorum: z.int().min(1).max(10).default(1),
      message: Template.default(''),
      /** After this, the `onTimeout` decision is taken. */
      timeout: Duration,
      escalation: z.array(EscalationStep).max(5).default([]),
      onTimeout: z.enum(['approved', 'rejected', 'timeout']).default('timeout'),
      /** @default off */
      skipWhenAutoOk: SkipWhenAutoOk.optional(),
    })
    .strict()
    .superRefine((p, ctx) => {
      // zod runs this even when a duration failed its regex; that failure is already reported.
      // Also run when another field failed: approvers may be missing then.
      const who = p.approvers as typeof p.approvers | undefined;
      if (who?.targetOwner && who.users.length + who.roles.length === 0 && !p.escalation[0])
        ctx.addIssue({
          code: 'custom',
          path: ['approvers'],
          message:
            'with only the owner of the target asset, name a user or role or add an escalation level: it is asked when no owner is found',
        });
      const durations = [p.timeout, ...p.escalation.map((e) => e.after)];
      if (!durations.every((d) => Duration.safeParse(d).success)) return;
      let prev = 0;
      p.escalation.forEach((e, i) => {
        const at = durationMs(e.after);
        if (at <= prev)
          ctx.addIssue({
            code: 'custom',
            path: ['escalation', i, 'after'],
            message: 'each escalation must come after the previous one',
          });
        if (at >= durationMs(p.timeout))
          ctx.addIssue({
            code: 'custom',
            path: ['escalation', i, 'after'],
            message: 'an escalation must come before the timeout',
          });
        prev = at;
      });
    }),
  defaults: {
    approvers: { users: [], roles: ['reviewer'] },
    quorum: 1,
    message: '',
    timeout: '1h',
    escalation: [],
    onTimeout: 'timeout',
  },
  ports: () => [
    { id: 'approved', label: 'Approved', required: true },
    { id: 'rejected', label: 'Rejected', required: false },
    { id: 'timeout', label: 'Timed out', required: false },
  ],
  effect: () => 'none',
  summary: (p) => {
    const who = record(p['approvers']);
    const names = [
      ...list(who['roles']).map((r) => `@${r}`),
      ...list(who['users']),
      ...(who['targetOwner'] === true ? ['the target owner'] : []),
    ];
    const lines = [
      `ask ${names.join(', ') || '—'}`,
      `timeout ${text(p['timeout'])} → ${text(p['onTimeout'], 'timeout')}`,
    ];
    const skip = record(p['skipWhenAutoOk']);
    if (skip['enabled'] === true) {
      const below = typeof skip['belowCriticality'] === 'string' ? ` below ${skip['belowCriticality']}` : '';
      lines.push(`skip when auto-OK${below}`);
    }
    return lines;
  },
});
