/** Small documents for the features' unit tests: a containment playbook and an edit of it. */
import { FORMAT_VERSION, gatewayParams, validateDocument, type WorkflowDocument } from '@autonomic/workflow';

const http = (url: string) => ({ method: 'GET', url, headers: {}, query: {} });

/** start → enrich → check ─true→ block ─out→ notify; check ─false→ done; block ─error→ failed. */
export const BASE_DOCUMENT = {
  formatVersion: FORMAT_VERSION,
  metadata: { name: 'Containment', tags: [], owner: 'soc@example', severity: 'high', description: '' },
  trigger: { id: 'start', type: 'trigger.manual', label: 'Start', params: {}, transitions: { out: ['enrich'] } },
  steps: {
    enrich: {
      type: 'http',
      label: 'Enrich',
      params: http('https://intel.example/check'),
      transitions: { out: ['check'] },
    },
    check: {
      type: 'condition',
      label: 'Confident?',
      params: { predicate: 'steps.enrich.output.status >= 200' },
      transitions: { true: ['block'], false: ['done'] },
    },
    block: {
      type: 'connector',
      label: 'Block IP',
      params: gatewayParams('block_ip', {
        ip: '{{ event.ip }}',
        reason: 'test',
        duration: '1h',
        path: '/block',
        method: 'POST',
      }),
      transitions: { out: ['notify'], error: ['failed'] },
    },
    notify: {
      type: 'connector',
      label: 'Tell the SOC',
      params: gatewayParams('notify', { text: 'blocked', to: '#soc', message: 'blocked' }, 'notify-slack'),
      transitions: {},
    },
    done: { type: 'end', label: 'No action', params: { status: 'succeeded', message: 'none' }, transitions: {} },
    failed: { type: 'end', label: 'Refused', params: { status: 'failed', message: 'refused' }, transitions: {} },
  },
  vars: {},
  tests: [],
  ui: {
    positions: { start: { x: 0, y: 0 }, enrich: { x: 200, y: 0 }, check: { x: 400, y: 0 }, block: { x: 600, y: 0 } },
    notes: [],
  },
};

/** Parses a test document; throws with the problems when it is not valid. */
export function parsedDocument(raw: unknown): WorkflowDocument {
  const r = validateDocument(raw);
  if (!r.document || !r.ok) throw new Error(JSON.stringify(r.problems));
  return r.document;
}

/** A deep copy to edit in a test. */
export function copyOfBase(): typeof BASE_DOCUMENT {
  return structuredClone(BASE_DOCUMENT);
}
