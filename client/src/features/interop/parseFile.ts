import { WORKFLOW_FILE_KIND } from '@autonomic/api';

/** What a file or pasted text holds, or why it cannot be imported (in words). */
export type ParsedFile =
  | { kind: 'cacao'; playbook: Record<string, unknown> }
  | { kind: 'workflow'; file: Record<string, unknown> }
  | { kind: 'problem'; message: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads the text as JSON and tells a CACAO playbook (`type: "playbook"`) from a workflow file of ours (`kind`). */
export function parseFile(text: string): ParsedFile {
  if (text.trim() === '') return { kind: 'problem', message: 'Choose a file or paste the playbook first.' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'problem', message: 'The file is not JSON: a CACAO playbook is a JSON file.' };
  }
  if (!isObject(json)) return { kind: 'problem', message: 'The file holds no JSON object: a playbook is one object.' };
  if (json['type'] === 'playbook') return { kind: 'cacao', playbook: json };
  if (json['kind'] === WORKFLOW_FILE_KIND) return { kind: 'workflow', file: json };
  return {
    kind: 'problem',
    message: 'This is neither a CACAO playbook (its "type" is "playbook") nor a workflow file exported from Autonomic.',
  };
}
