/**
 * An example playbook's workflow settings: examples/<name>/settings.json, optional. They
 * are the settings that live on the workflow rather than in its document — today its
 * blast-radius limits — and the seed applies them as the owner right after the import,
 * before the review, so that the safety policies checked at review and publish (a
 * destructive step inside a for-each needs `maxDestructivePerRun`) see them.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const Limit = z.number().int().min(1).max(1_000_000);

export const ExampleSettings = z
  .object({
    /** At most this many destructive actions in one run. */
    maxDestructivePerRun: Limit.optional(),
    /** At most this many destructive actions in an hour, across runs. */
    maxDestructivePerHour: Limit.optional(),
  })
  .strict();
export type ExampleSettings = z.infer<typeof ExampleSettings>;

/**
 * The settings of the example in `folder`: its settings.json parsed, or none when it has
 * no such file. A malformed file throws, naming the file, rather than seeding a playbook
 * without the limit its author meant it to have.
 */
export async function exampleSettings(folder: string): Promise<ExampleSettings> {
  const file = join(folder, 'settings.json');
  const text = await fs.readFile(file, 'utf8').catch((e: unknown) => {
    if (e instanceof Error && 'code' in e && e.code === 'ENOENT') return undefined;
    throw e;
  });
  if (text === undefined) return {};
  const parsed = ExampleSettings.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`${file}: ${problems}`);
  }
  return parsed.data;
}
