/**
 * What a fixture's output looks like for a step that calls out: the fields of a form when
 * the step's answer is declared (a connector action's response schema; the HTTP step's
 * status and body), or why it must be written as JSON.
 */
import type { ConnectorCatalog } from '../../editor/connectors/catalog';
import { actionOf } from '../../editor/connectors/catalog';
import type { FlowNode } from '../../editor';
import type { Json } from '../../forms/jsonValue';
import { fieldsOf } from '../../forms/schemaFields';

export type OutputShape =
  | {
      schema: Record<string, unknown>;
      /** A realistic answer to start from (the action's `example`), when there is one. */
      example?: Json;
    }
  | { why: string };

/** What the engine's HTTP step outputs (its `exampleOutput`): the status and the body as read. */
export const HTTP_OUTPUT_SCHEMA: Record<string, unknown> = {
  type: 'object',
  properties: {
    status: { type: 'integer', title: 'HTTP status', description: 'What the server answered, e.g. 200.' },
    body: {
      title: 'Body',
      description: 'The answer as the step reads it (an HTTP step does not declare its fields).',
    },
  },
};

/** The output shape of the step `node` (a step a fixture may answer for), with the connectors loaded in the editor. */
export function outputShapeOf(node: FlowNode | undefined, catalog: ConnectorCatalog): OutputShape {
  const type = node?.data.nodeType;
  if (type === 'http') return { schema: HTTP_OUTPUT_SCHEMA };
  if (type === 'connector') {
    const pinned = actionOf(catalog, node?.data.params);
    if (!pinned) {
      return {
        why:
          catalog.status === 'ready'
            ? 'The step’s connector action is not installed, so its answer’s fields are unknown: write it as JSON.'
            : 'The connectors are not loaded yet, so this answer’s fields are unknown: write it as JSON.',
      };
    }
    const { response } = pinned.action;
    if (fieldsOf(response).length === 0) {
      return { why: `“${pinned.action.title}” declares no fields for its answer: write it as JSON.` };
    }
    return { schema: response, example: pinned.action.example };
  }
  if (type === 'subworkflow') {
    return {
      why: 'A sub-workflow answers with whatever that workflow ends with; it declares no fields: write it as JSON.',
    };
  }
  return { why: 'This step declares no fields for its answer: write it as JSON.' };
}
