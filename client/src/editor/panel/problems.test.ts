import { nodeDefinition, paramsJsonSchema } from '@autonomic/workflow';
import { describe, expect, it } from 'vitest';
import { drawnPaths, pathWords, placeProblems } from './problems';
import { asSchema } from './schema';

const schema = asSchema(paramsJsonSchema(nodeDefinition('approval') ?? (undefined as never)));
const value = {
  approvers: { users: [], roles: ['reviewer'] },
  timeout: '1h',
  escalation: [{ after: '2h', approvers: { roles: ['lead'] } }],
};

describe('placeProblems', () => {
  const drawn = drawnPaths(schema, schema, value, ['params']);

  it('when a problem names a drawn field then it is placed under that field', () => {
    const placed = placeProblems([{ path: 'params.escalation.0.after', message: 'too late' }], drawn, ['params']);
    expect(placed.at.get('params.escalation.0.after')).toEqual(['too late']);
  });

  it('when a problem names something not drawn then it goes to the nearest drawn ancestor', () => {
    const placed = placeProblems([{ path: 'params.approvers.users.7', message: 'gone' }], drawn, ['params']);
    expect(placed.at.get('params.approvers.users')).toEqual(['gone']);
  });

  it('when a problem is about the params as a whole then it is general; other roots are ignored', () => {
    const placed = placeProblems(
      [
        { path: 'params', message: 'Unrecognized key: "extra"' },
        { path: 'label', message: 'too long' },
        { path: '', message: 'unreachable' },
      ],
      drawn,
      ['params'],
    );
    expect(placed.general).toEqual(['Unrecognized key: "extra"']);
    expect([...placed.at.values()]).toEqual([]);
  });
});

describe('pathWords', () => {
  it.each([
    ['params.url', 'URL'],
    ['params.escalation.0.after', 'escalation › item 1 › after'],
    ['params.input.ipAddress', 'input › IP address'],
    ['transitions.true', 'the “true” connection'],
    ['metadata.name', 'name'],
    ['', ''],
  ])('when the path is %j then the Problems list says %j', (path, words) => {
    expect(pathWords(path)).toBe(words);
  });
});
