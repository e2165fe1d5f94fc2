import { z } from 'zod';

/**
 * A committed JSON Schema made from a zod schema, as written (`io: 'input'`: defaults may
 * be left out), with its id, title and description first. Refinements zod cannot express
 * are not in it: the JSON Schema is a structural check for other tools, zod stays the
 * authority.
 */
export function jsonSchemaOf(
  schema: z.ZodType,
  meta: { $id: string; title: string; description: string },
): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  return { $schema, ...meta, ...rest };
}

/** A schema file's exact text: two-space indent and a final newline, so regenerating is byte-stable. */
export function renderJsonSchema(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
