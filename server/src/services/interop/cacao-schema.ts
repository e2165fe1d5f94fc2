/**
 * The OASIS CACAO 2.0 schemas (third_party/cacao, see its README), compiled once
 * with ajv 2020-12. Every file is added under its path as `$id` so the relative `$ref`s
 * resolve (the files' own `$id`s repeat, e.g. "data-types").
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { re2RegExp, type SchemaError } from '@autonomic/workflow';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';

const DIR = fileURLToPath(new URL('../../../../third_party/cacao/schemas/', import.meta.url));
const BASE = 'https://cacao.invalid/';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : f.endsWith('.json') ? [p] : [];
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv2020({ allErrors: true, strict: false, code: { regExp: re2RegExp } });
  for (const file of files(DIR)) {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!isObject(parsed)) continue;
    const { $schema: _draft, ...schema } = parsed;
    ajv.addSchema({ ...schema, $id: `${BASE}${relative(DIR, file).split('\\').join('/')}` });
  }
  const v = ajv.getSchema(`${BASE}playbook.json`);
  if (!v) throw new Error('the CACAO playbook schema did not compile');
  compiled = v;
  return v;
}

/** The OASIS schema errors of a playbook (empty when it passes). */
export function cacaoSchemaErrors(playbook: unknown): SchemaError[] {
  const validate = validator();
  if (validate(playbook)) return [];
  return (validate.errors ?? []).map((e) => ({
    instancePath: e.instancePath,
    keyword: e.keyword,
    params: e.params,
    ...(e.message ? { message: e.message } : {}),
  }));
}
