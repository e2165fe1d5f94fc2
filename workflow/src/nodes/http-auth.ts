import { z } from 'zod';
import { SecretRef } from '../expression-fields';

/** How an HTTP call authenticates (the http step and the containment actions' endpoints). */
export const HttpAuth = z
  .object({
    type: z.enum(['bearer', 'header', 'basic']),
    secret: SecretRef,
    /** For `header` auth: the header that carries the secret. */
    header: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/)
      .optional(),
  })
  .strict();
