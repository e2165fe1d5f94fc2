import { describe, expect, it } from 'vitest';
import { EventSchemas } from '../../src/services/runs/event-schema';

/*
 * A trigger event that does not fit its schema is refused in words a person reads on Run
 * now, the simulation page and the workflow's test event: never ajv's texts
 * (`must match format "ipv4"`, `must be >= 0`); the path stays for programs.
 */
const schema = {
  type: 'object',
  required: ['src_ip', 'severity'],
  additionalProperties: false,
  properties: {
    src_ip: { type: 'string', format: 'ipv4', title: 'Source IP' },
    severity: { type: 'string', enum: ['low', 'medium', 'high'], title: 'Severity' },
    count: { type: 'integer', minimum: 0, title: 'Count' },
    score: { type: 'number', maximum: 10 },
    host: { type: 'string', minLength: 3, maxLength: 5 },
    tags: { type: 'array', items: { type: 'string' }, minItems: 1 },
    code: { type: 'string', pattern: '^[A-Z]+$' },
    seen: { type: 'string', format: 'date-time', title: 'Seen at' },
  },
};
const good = { src_ip: '10.0.0.1', severity: 'low' };

describe('trigger event problems in words', () => {
  it.each([
    ['a missing titled field', { severity: 'low' }, 'body.src_ip', 'is required', 'Source IP is required'],
    [
      'a bad IPv4 address',
      { ...good, src_ip: 'nope' },
      'body.src_ip',
      'must be an IPv4 address (e.g. 10.0.0.1)',
      'Source IP must be an IPv4 address (e.g. 10.0.0.1)',
    ],
    [
      'a value not in the list',
      { ...good, severity: 'x' },
      'body.severity',
      'must be one of: low, medium, high',
      'Severity must be one of: low, medium, high',
    ],
    [
      'a number below the minimum',
      { ...good, count: -1 },
      'body.count',
      'must be 0 or more',
      'Count must be 0 or more',
    ],
    ['a number where text is due', { ...good, src_ip: 5 }, 'body.src_ip', 'must be text', 'Source IP must be text'],
    [
      'a fraction where a whole number is due',
      { ...good, count: 1.5 },
      'body.count',
      'must be a whole number',
      'Count must be a whole number',
    ],
    [
      'an untitled field over its maximum',
      { ...good, score: 11 },
      'body.score',
      'must be 10 or less',
      'score must be 10 or less',
    ],
    [
      'too short',
      { ...good, host: 'ab' },
      'body.host',
      'must be at least 3 characters long',
      'host must be at least 3 characters long',
    ],
    [
      'too long',
      { ...good, host: 'abcdef' },
      'body.host',
      'must be at most 5 characters long',
      'host must be at most 5 characters long',
    ],
    [
      'an empty list',
      { ...good, tags: [] },
      'body.tags',
      'must have at least 1 item',
      'tags must have at least 1 item',
    ],
    ['a list item of the wrong type', { ...good, tags: [1] }, 'body.tags.0', 'must be text', 'Item 1 must be text'],
    [
      'a pattern not met',
      { ...good, code: 'ab' },
      'body.code',
      'is not in the expected form',
      'code is not in the expected form',
    ],
    [
      'a bad date and time',
      { ...good, seen: 'today' },
      'body.seen',
      'must be a date and time (e.g. 2026-01-31T09:30:00Z)',
      'Seen at must be a date and time (e.g. 2026-01-31T09:30:00Z)',
    ],
    [
      'a field the event does not have',
      { ...good, extra: 1 },
      'body.extra',
      'is not a field of this event',
      'extra is not a field of this event',
    ],
  ])('%s', (_, event, path, message, sentence) => {
    const schemas = new EventSchemas();
    expect(schemas.check('v1', schema, event)).toEqual([{ path, message }]);
    expect(schemas.sentences('v1', schema, event)).toEqual([sentence]);
  });

  it('when the event is not an object at all then the event as a whole is named', () => {
    expect(new EventSchemas().sentences('v1', schema, 'text')).toEqual(['The event must be a group of fields']);
  });

  it('when the event fits then there are no problems', () => {
    expect(new EventSchemas().check('v1', schema, good)).toEqual([]);
  });

  it('no message carries ajv’s own words', () => {
    const bad = { src_ip: 'x', severity: 'x', count: -1, score: 'x' };
    const messages = new EventSchemas().check('v1', schema, bad).map((p) => p.message);
    expect(messages.join('\n')).not.toMatch(/must match format|must be string|must be >=|must be equal to one of/);
  });
});
