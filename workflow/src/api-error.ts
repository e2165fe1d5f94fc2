import { z } from 'zod';

/** The one error body every API route answers with; the client parses the same schema. */
export const ApiErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).default([]),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
