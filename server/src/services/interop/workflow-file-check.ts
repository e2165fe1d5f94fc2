/** What a workflow file must hold, checked in words (a bad file is a 400 naming the field, never a zod message). */
import { WORKFLOW_FILE_KIND, type WorkflowFile } from '@autonomic/api';
import { FORMAT_VERSION } from '@autonomic/workflow';
import { ValidationError } from '../../errors';

export interface Pin {
  id: string;
  version: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function bad(field: string, message: string): never {
  throw new ValidationError(`the workflow file cannot be imported: ${message}`, [{ path: `file.${field}`, message }]);
}

/** The connector versions a document pins: each connector step's connector and version. */
export function pinsOf(document: Record<string, unknown>): Pin[] {
  const steps = isRecord(document['steps']) ? Object.values(document['steps']) : [];
  const pins = new Map<string, Pin>();
  for (const step of steps) {
    if (!isRecord(step) || step['type'] !== 'connector' || !isRecord(step['params'])) continue;
    const { connector, version } = step['params'];
    if (typeof connector === 'string' && typeof version === 'string' && connector && version)
      pins.set(`${connector}@${version}`, { id: connector, version });
  }
  return [...pins.values()];
}

function connectorsOf(value: unknown): Pin[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 500)
    bad('connectors', 'its connector list must be a list of at most 500 { id, version } entries');
  return value.map((c, i) => {
    if (!isRecord(c) || typeof c['id'] !== 'string' || typeof c['version'] !== 'string')
      bad('connectors', `connector ${i + 1} of its list needs an id and a version, both text`);
    return { id: c['id'].slice(0, 200), version: c['version'].slice(0, 50) };
  });
}

/** The file, checked: its kind, a format version this server reads (older ones migrate), a document. */
export function checkWorkflowFile(file: Record<string, unknown>): WorkflowFile {
  if (file['type'] === 'playbook') bad('kind', 'this is a CACAO playbook: import it as CACAO');
  if (file['kind'] !== WORKFLOW_FILE_KIND)
    bad('kind', `it is not an Autonomic workflow file (its kind must be "${WORKFLOW_FILE_KIND}")`);
  const format = file['formatVersion'];
  if (typeof format !== 'number' || !Number.isInteger(format) || format < 1)
    bad('formatVersion', 'its format version must be a whole number from 1');
  if (format > FORMAT_VERSION)
    bad(
      'formatVersion',
      `it was written in format version ${format}, newer than this server reads (up to ${FORMAT_VERSION})`,
    );
  const document = file['document'];
  if (!isRecord(document)) bad('document', 'it holds no workflow document');
  return {
    kind: WORKFLOW_FILE_KIND,
    formatVersion: format,
    exportedAt: typeof file['exportedAt'] === 'string' ? file['exportedAt'].slice(0, 40) : 'at an unknown time',
    // A document without its own format version is in the file's.
    document: 'formatVersion' in document ? document : { ...document, formatVersion: format },
    connectors: connectorsOf(file['connectors']),
  };
}
