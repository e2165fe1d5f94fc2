/**
 * The template library (issue 17 §6): SOC playbooks a team starts from, one folder per
 * template under templates/ at the repository root. A folder holds `template.json` (what
 * the "New from template" page shows) and either its own `workflow.json` (a format v3
 * document with the test cases that cover its destructive steps) or `example`, the name
 * of an examples/ folder whose playbook it reuses rather than copies.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectorParams, parseWorkflowJson, type WorkflowDocument } from '@autonomic/workflow';
import { z } from 'zod';
import { ExampleSettings, exampleSettings } from '../../seed/example-settings';

export const TEMPLATES_DIR = fileURLToPath(new URL('../../../../templates/', import.meta.url));
export const EXAMPLES_DIR = fileURLToPath(new URL('../../../../examples/', import.meta.url));

const Slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

export const TemplateMeta = z
  .object({
    id: Slug,
    title: z.string().min(1).max(120),
    description: z.string().min(1).max(1000),
    category: z.enum(['triage', 'enrichment', 'containment', 'identity', 'vulnerability']),
    /** The connectors its steps call, each with why: the page says which are installed. */
    connectors: z.array(z.object({ id: z.string().min(1), why: z.string().min(1).max(200) }).strict()).min(1),
    /** An examples/ folder whose workflow.json (and settings.json) this template reuses. */
    example: Slug.optional(),
    /** Workflow settings the draft gets (its blast-radius limits). */
    settings: ExampleSettings.optional(),
  })
  .strict();
export type TemplateMeta = z.infer<typeof TemplateMeta>;

export interface Template {
  meta: TemplateMeta;
  /** The playbook, parsed and migrated. */
  document: WorkflowDocument;
  /** What the draft's workflow gets: the template's own, else its example's settings.json. */
  settings: ExampleSettings;
}

export interface LibraryDirs {
  templates?: string;
  examples?: string;
}

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await fs.readFile(file, 'utf8'));
}

/** One template folder, loaded; throws naming the folder when it is broken. */
export async function loadTemplate(folder: string, dirs: LibraryDirs = {}): Promise<Template> {
  const dir = join(dirs.templates ?? TEMPLATES_DIR, folder);
  const parsed = TemplateMeta.safeParse(await readJson(join(dir, 'template.json')));
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.') || 'the file'}: ${i.message}`).join('; ');
    throw new Error(`templates/${folder}/template.json: ${why}`);
  }
  const meta = parsed.data;
  if (meta.id !== folder) throw new Error(`templates/${folder}/template.json: its id must be the folder's name`);
  const source = meta.example ? join(dirs.examples ?? EXAMPLES_DIR, meta.example) : dir;
  const { document, problems } = parseWorkflowJson(await fs.readFile(join(source, 'workflow.json'), 'utf8'));
  if (!document)
    throw new Error(`template ${folder}: its workflow does not load (${problems.map((p) => p.message).join('; ')})`);
  const settings = meta.settings ?? (meta.example ? await exampleSettings(source) : {});
  return { meta, document, settings };
}

/** Every template of the library, in title order. */
export async function loadTemplates(dirs: LibraryDirs = {}): Promise<Template[]> {
  const root = dirs.templates ?? TEMPLATES_DIR;
  const entries = await fs.readdir(root, { withFileTypes: true });
  const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name);
  const templates = await Promise.all(folders.map((f) => loadTemplate(f, dirs)));
  return templates.sort((a, b) => a.meta.title.localeCompare(b.meta.title));
}

/** The connectors a document's connector steps call, by id. */
export function connectorsOf(doc: WorkflowDocument): string[] {
  const ids = Object.values(doc.steps).flatMap((s) => {
    const p = s.type === 'connector' ? connectorParams(s.params) : undefined;
    return p ? [p.connector] : [];
  });
  return [...new Set(ids)].sort();
}
