/** An asset of the inventory as the engine reads it (the safety list carries them). */
import { z } from 'zod';

export const SafetyAsset = z
  .object({
    kind: z.enum(['ip', 'cidr', 'host', 'user', 'domain']),
    value: z.string().trim().min(1).max(512),
    criticality: z.enum(['low', 'medium', 'high', 'critical']),
    owner: z.string().max(128).optional(),
    businessService: z.string().max(200).optional(),
    tags: z.array(z.string().max(64)).max(50).default([]),
  })
  .strict();
export type SafetyAsset = z.infer<typeof SafetyAsset>;
