/**
 * Drift detection (server/src/connectors/drift.ts): a live answer against the action's
 * declared response schema, as findings — missing, new and type — with JSON Pointer paths,
 * array items folded into `*`, bounds on items, findings and depth, and masked samples.
 */
import { describe, expect, it } from 'vitest';
import { detectDrift, redactedSample, redactFindings, type DriftFinding } from '../../src/connectors/drift';

/** AbuseIPDB's check answer as the built-in declares it (trimmed). */
const abuse = {
  type: 'object',
  properties: {
    data: {
      type: 'object',
      properties: {
        ipAddress: { type: 'string' },
        abuseConfidenceScore: { type: 'integer' },
        countryCode: { type: ['string', 'null'] },
        usageType: { type: 'string', nullable: true },
      },
      required: ['ipAddress', 'abuseConfidenceScore'],
    },
  },
  required: ['data'],
};

const answer = (data: Record<string, unknown>) => ({
  data: { ipAddress: '203.0.113.9', abuseConfidenceScore: 97, countryCode: 'NL', usageType: 'Data Center', ...data },
});

/** Findings without their raw values: what a test compares. */
const shapes = (findings: DriftFinding[]) => findings.map(({ value: _value, ...f }) => f);

describe('detectDrift', () => {
  it('when the answer matches the schema then there is no finding', () => {
    expect(detectDrift(abuse, answer({}))).toEqual([]);
  });

  it('when a required field is renamed then the old one is missing (required) and the new one is new', () => {
    const { abuseConfidenceScore: _gone, ...data } = answer({}).data;

    const findings = detectDrift(abuse, { data: { ...data, confidenceScore: 97 } });

    expect(shapes(findings)).toEqual([
      { kind: 'missing', path: '/data/abuseConfidenceScore', expected: 'integer', actual: 'absent', required: true },
      { kind: 'new', path: '/data/confidenceScore', expected: 'undeclared', actual: 'integer' },
    ]);
  });

  it('when a declared optional field is absent then it is missing, not required', () => {
    const { usageType: _gone, ...data } = answer({}).data;

    expect(shapes(detectDrift(abuse, { data }))).toEqual([
      { kind: 'missing', path: '/data/usageType', expected: 'string|null', actual: 'absent', required: false },
    ]);
  });

  it('when a number became a string or an object an array then each is a type finding at its path, not walked further', () => {
    const findings = detectDrift(abuse, answer({ abuseConfidenceScore: '97' }));
    const whole = detectDrift(abuse, { data: [answer({}).data] });

    expect(shapes(findings)).toEqual([
      { kind: 'type', path: '/data/abuseConfidenceScore', expected: 'integer', actual: 'string' },
    ]);
    expect(findings[0]?.value).toBe('97');
    expect(shapes(whole)).toEqual([{ kind: 'type', path: '/data', expected: 'object', actual: 'array' }]);
  });

  it('when a value is null where type arrays or nullable allow it then nothing; where they do not then a type finding', () => {
    expect(detectDrift(abuse, answer({ countryCode: null, usageType: null }))).toEqual([]);
    expect(shapes(detectDrift(abuse, answer({ ipAddress: null })))).toEqual([
      { kind: 'type', path: '/data/ipAddress', expected: 'string', actual: 'null' },
    ]);
  });

  it('when an integer arrives where a number is declared then nothing; a fraction where an integer is declared is a type finding', () => {
    const schema = { type: 'object', properties: { n: { type: 'number' }, i: { type: 'integer' } } };

    expect(detectDrift(schema, { n: 3, i: 3 })).toEqual([]);
    expect(shapes(detectDrift(schema, { n: 3.5, i: 3.5 }))).toEqual([
      { kind: 'type', path: '/i', expected: 'integer', actual: 'number' },
    ]);
  });

  it('when an enum value is not listed then it is a type finding; another type is one too', () => {
    const schema = { type: 'object', properties: { status: { enum: ['open', 'closed'] } } };

    expect(detectDrift(schema, { status: 'open' })).toEqual([]);
    expect(shapes(detectDrift(schema, { status: 'snoozed' }))).toEqual([
      { kind: 'type', path: '/status', expected: 'enum of string', actual: 'string not in enum' },
    ]);
    expect(shapes(detectDrift(schema, { status: 2 }))).toEqual([
      { kind: 'type', path: '/status', expected: 'string', actual: 'integer' },
    ]);
  });

  it('when anyOf or oneOf branches differ then the closest branch is used and a type outside all of them lists every branch', () => {
    const schema = {
      type: 'object',
      properties: {
        owner: {
          anyOf: [{ type: 'string' }, { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] }],
        },
        size: { oneOf: [{ type: 'integer' }, { type: 'null' }] },
      },
    };

    expect(detectDrift(schema, { owner: 'alice', size: null })).toEqual([]);
    expect(shapes(detectDrift(schema, { owner: { id: 'u1', team: 'soc' }, size: 3 }))).toEqual([
      { kind: 'new', path: '/owner/team', expected: 'undeclared', actual: 'string' },
    ]);
    expect(shapes(detectDrift(schema, { owner: 7, size: 'big' }))).toEqual([
      { kind: 'type', path: '/owner', expected: 'string|object', actual: 'integer' },
      { kind: 'type', path: '/size', expected: 'integer|null', actual: 'string' },
    ]);
  });

  it('when allOf branches declare different fields then a field of one branch is not new to the other', () => {
    const schema = {
      allOf: [
        { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
        { properties: { b: { type: 'integer' } } },
      ],
    };

    expect(detectDrift(schema, { a: 'x', b: 1 })).toEqual([]);
    expect(shapes(detectDrift(schema, { b: 1, c: true }))).toEqual([
      { kind: 'missing', path: '/a', expected: 'string', actual: 'absent', required: true },
      { kind: 'new', path: '/c', expected: 'undeclared', actual: 'boolean' },
    ]);
  });

  it('when an object declares no properties or is a map then its keys are never new', () => {
    const schema = {
      type: 'object',
      properties: {
        free: { type: 'object' },
        map: { type: 'object', properties: { total: { type: 'integer' } }, additionalProperties: { type: 'integer' } },
      },
    };

    expect(detectDrift(schema, { free: { anything: 1 }, map: { total: 2, 'host-a': 1, 'host-b': 1 } })).toEqual([]);
  });

  it('when array items drift then each drift is one finding at the item path with *, however many items show it', () => {
    const schema = {
      type: 'object',
      properties: {
        resources: {
          type: 'array',
          items: {
            type: 'object',
            properties: { device_id: { type: 'string' }, hostname: { type: 'string' } },
            required: ['device_id'],
          },
        },
      },
    };
    const items = Array.from({ length: 5 }, (_, i) => ({ deviceId: `d-${i}`, hostname: `h-${i}` }));

    expect(shapes(detectDrift(schema, { resources: items }))).toEqual([
      { kind: 'missing', path: '/resources/*/device_id', expected: 'string', actual: 'absent', required: true },
      { kind: 'new', path: '/resources/*/deviceId', expected: 'undeclared', actual: 'string' },
    ]);
  });

  it('when an optional field is absent from some items only then it is not reported; absent from every item it is', () => {
    const schema = {
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'string' }, note: { type: 'string' } } },
    };

    expect(detectDrift(schema, [{ id: 'a', note: 'x' }, { id: 'b' }])).toEqual([]);
    expect(shapes(detectDrift(schema, [{ id: 'a' }, { id: 'b' }]))).toEqual([
      { kind: 'missing', path: '/*/note', expected: 'string', actual: 'absent', required: false },
    ]);
  });

  it('when only items past the item bound drift then nothing is found (the first maxItems are checked)', () => {
    const schema = { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } } };
    const items: unknown[] = Array.from({ length: 20 }, (_, i) => ({ id: `i-${i}` }));

    expect(detectDrift(schema, [...items, { id: 21 }])).toEqual([]);
    expect(detectDrift(schema, [...items, { id: 21 }], { maxItems: 21 })).toHaveLength(1);
  });

  it('when an answer drifts in many fields then findings stop at maxFindings', () => {
    const schema = { type: 'object', properties: { known: { type: 'string' } } };
    const extra = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}`, i]));

    expect(detectDrift(schema, { known: 'x', ...extra })).toHaveLength(25);
    expect(detectDrift(schema, { known: 'x', ...extra }, { maxFindings: 3 })).toHaveLength(3);
  });

  it('when the drift is deeper than maxDepth then the walk stops before it', () => {
    // a → b → c → d: a new field at depth 4.
    const level = (inner: Record<string, unknown>) => ({ type: 'object', properties: inner });
    const schema = level({ a: level({ b: level({ c: level({ d: { type: 'string' } }) }) }) });
    const value = { a: { b: { c: { d: 'x', e: 1 } } } };

    expect(shapes(detectDrift(schema, value))).toEqual([
      { kind: 'new', path: '/a/b/c/e', expected: 'undeclared', actual: 'integer' },
    ]);
    expect(detectDrift(schema, value, { maxDepth: 2 })).toEqual([]);
  });

  it('when a key holds / or ~ then its path escapes them as JSON Pointer does', () => {
    const schema = { type: 'object', properties: { ok: { type: 'boolean' } } };

    expect(detectDrift(schema, { ok: true, 'a/b~c': 1 }).map((f) => f.path)).toEqual(['/a~1b~0c']);
  });

  it('when the action answers text then nothing is walked', () => {
    expect(detectDrift({ type: 'string' }, 'ok', {}, 'text')).toEqual([]);
    expect(detectDrift({ type: 'object' }, 'not an object', {}, 'text')).toEqual([]);
  });

  it('when the whole answer has another type then the finding is at the root', () => {
    expect(shapes(detectDrift(abuse, []))).toEqual([{ kind: 'type', path: '/', expected: 'object', actual: 'array' }]);
  });
});

describe('redactedSample', () => {
  it('when a value is sampled then strings, numbers and booleans become their kind and length, never the value', () => {
    const sample = redactedSample({ email: 'alice@example.com', score: 97, ok: true, gone: null });

    expect(sample).toEqual({ email: '<string, 17 chars>', score: '<number>', ok: '<boolean>', gone: null });
    expect(JSON.stringify(sample)).not.toContain('alice');
  });

  it('when a value is nested or wide then it is shown three levels deep and ten wide', () => {
    const wide = Array.from({ length: 12 }, (_, i) => i);

    expect(redactedSample({ a: { b: { c: { d: 1 } } }, list: wide })).toEqual({
      a: { b: { c: '<object, 1 keys>' } },
      list: [...Array.from({ length: 10 }, () => '<number>'), '<2 more items>'],
    });
  });

  it('when a key is data (an address, an email) or names a secret then it is replaced; a credential field is redacted', () => {
    const sample = redactedSample(
      { '203.0.113.9': 1, 'bob@example.com': 2, 'tok-9f8e7d6c': 3, authorization: 'Bearer x', apiKey: 'k', name: 'n' },
      ['tok-9f8e7d6c'],
    );

    expect(sample).toEqual({
      '<key 1>': '<number>',
      '<key 2>': '<number>',
      '<key 3>': '<number>',
      authorization: '[redacted]',
      apiKey: '[redacted]',
      name: '<string, 1 chars>',
    });
  });

  it('when findings are redacted then each carries a sample instead of its value (null for a missing field)', () => {
    const findings = detectDrift(abuse, { data: { ipAddress: '203.0.113.9', abuseConfidenceScore: '97' } });

    const out = redactFindings(findings, []);

    expect(out).toEqual([
      {
        kind: 'missing',
        path: '/data/countryCode',
        expected: 'string|null',
        actual: 'absent',
        required: false,
        sample: null,
      },
      {
        kind: 'missing',
        path: '/data/usageType',
        expected: 'string|null',
        actual: 'absent',
        required: false,
        sample: null,
      },
      {
        kind: 'type',
        path: '/data/abuseConfidenceScore',
        expected: 'integer',
        actual: 'string',
        sample: '<string, 2 chars>',
      },
    ]);
    expect(JSON.stringify(out)).not.toContain('203.0.113.9');
  });
});
