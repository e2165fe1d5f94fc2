import Ajv2020 from 'ajv/dist/2020';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  cacaoSchemaProblems,
  cacaoStructureProblems,
  importCacao,
  type ImportOptions,
  type ImportResult,
} from '../../src/cacao';

/** The OASIS CACAO 2.0 schemas and SOARCA's example playbooks (third-party data, see its README). */
export const CACAO_DIR = fileURLToPath(new URL('../../../third_party/cacao', import.meta.url));
const SCHEMAS = join(CACAO_DIR, 'schemas');
const EXAMPLES = join(CACAO_DIR, 'examples');

/** The examples that are broken on purpose (README), and one that lists its steps as an array (CACAO 1.0 style, not 2.0). */
export const BROKEN = [
  'changed-playbook.json',
  'infinite_playbook.json',
  'invalid_email_playbook.json',
  'invalid_playbook.json',
  'missing_step_playbook.json',
];

export function exampleFiles(): string[] {
  return readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.json'))
    .sort();
}
export function validExamples(): string[] {
  return exampleFiles().filter((f) => !BROKEN.includes(f));
}
export function readExample(file: string): unknown {
  return JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8'));
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/**
 * Every schema file under its path as `$id` (their own `$id`s repeat, e.g. "data-types",
 * and their `$schema` says draft-07 while they use 2020-12 `$defs`), so relative `$ref`s resolve.
 */
function buildValidator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  for (const file of walk(SCHEMAS).filter((f) => f.endsWith('.json'))) {
    const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    delete schema['$schema'];
    schema['$id'] = `https://cacao.invalid/${relative(SCHEMAS, file)}`;
    ajv.addSchema(schema);
  }
  const validate = ajv.getSchema('https://cacao.invalid/playbook.json');
  if (!validate) throw new Error('playbook.json did not compile');
  return validate;
}
const validate = buildValidator();

/** The OASIS schema errors of a document (empty when it passes). */
export function schemaErrors(json: unknown) {
  return validate(json) ? [] : [...(validate.errors ?? [])];
}

/** What the server does: the schema first (errors in words), then the mapping. */
export function importChecked(json: unknown, options: ImportOptions = {}): ImportResult {
  const empty = { entries: [], counts: { mapped: 0, approximated: 0, unsupported: 0 } };
  const structure = cacaoStructureProblems(json);
  if (structure.length > 0) return { report: empty, problems: structure };
  const check = cacaoSchemaProblems(schemaErrors(json));
  if (check.problems.length > 0) return { report: empty, problems: check.problems };
  return importCacao(json, { ...options, tolerated: check.tolerated });
}
