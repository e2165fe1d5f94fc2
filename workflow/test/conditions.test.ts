import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import {
  CONDITION_OPERATORS,
  EXPRESSION_FUNCTIONS,
  generateCondition,
  inCidr,
  parseCondition,
  parseField,
  type Condition,
  type ConditionRow,
} from '../src/conditions';

async function evaluate(source: string, data: unknown): Promise<unknown> {
  return jsonata(source).evaluate(data, EXPRESSION_FUNCTIONS);
}

const SCORE = 'steps.abuse.output.score';

/** Each operator: a row, the JSONata it writes, data it holds on and data it does not. */
const TABLE: Array<{ row: ConditionRow; source: string; holds: unknown[]; fails: unknown[] }> = [
  {
    row: { field: 'event.host', op: 'equals', value: 'dc01' },
    source: 'event.host = "dc01"',
    holds: [{ event: { host: 'dc01' } }],
    fails: [{ event: { host: 'dc02' } }, { event: {} }],
  },
  {
    row: { field: 'event.host', op: 'not_equals', value: 'dc01' },
    source: 'event.host != "dc01"',
    holds: [{ event: { host: 'web' } }],
    fails: [{ event: { host: 'dc01' } }],
  },
  {
    row: { field: 'event.host', op: 'contains', value: 'dc' },
    source: '$contains(event.host, "dc")',
    holds: [{ event: { host: 'nyc-dc-01' } }],
    fails: [{ event: { host: 'web01' } }, { event: {} }],
  },
  {
    row: { field: SCORE, op: 'greater_than', value: 70 },
    source: `${SCORE} > 70`,
    holds: [{ steps: { abuse: { output: { score: 71 } } } }],
    fails: [{ steps: { abuse: { output: { score: 70 } } } }, { steps: {} }],
  },
  {
    row: { field: SCORE, op: 'less_than', value: -1.5 },
    source: `${SCORE} < -1.5`,
    holds: [{ steps: { abuse: { output: { score: -2 } } } }],
    fails: [{ steps: { abuse: { output: { score: -1.5 } } } }],
  },
  {
    row: { field: SCORE, op: 'at_least', value: 70 },
    source: `${SCORE} >= 70`,
    holds: [{ steps: { abuse: { output: { score: 70 } } } }],
    fails: [{ steps: { abuse: { output: { score: 69 } } } }],
  },
  {
    row: { field: SCORE, op: 'at_most', value: 70 },
    source: `${SCORE} <= 70`,
    holds: [{ steps: { abuse: { output: { score: 70 } } } }],
    fails: [{ steps: { abuse: { output: { score: 71 } } } }],
  },
  {
    row: { field: 'event.src_ip', op: 'in_list', value: ['10.0.0.1', '10.0.0.2'] },
    source: 'event.src_ip in ["10.0.0.1", "10.0.0.2"]',
    holds: [{ event: { src_ip: '10.0.0.2' } }],
    fails: [{ event: { src_ip: '10.0.0.3' } }],
  },
  {
    row: { field: 'event.src_ip', op: 'in_cidr', value: '10.0.0.0/8' },
    source: '$inCidr(event.src_ip, "10.0.0.0/8")',
    holds: [{ event: { src_ip: '10.200.1.1' } }],
    fails: [{ event: { src_ip: '11.0.0.1' } }, { event: { src_ip: 'not an ip' } }, { event: {} }],
  },
  {
    row: { field: 'event.user', op: 'is_empty' },
    source: '$not($exists(event.user)) or event.user = null or event.user = ""',
    holds: [{ event: {} }, { event: { user: '' } }, { event: { user: null } }],
    fails: [{ event: { user: 'alice' } }],
  },
  {
    row: { field: 'event.user', op: 'is_not_empty' },
    source: '$exists(event.user) and event.user != null and event.user != ""',
    holds: [{ event: { user: 'alice' } }],
    fails: [{ event: {} }, { event: { user: '' } }, { event: { user: null } }],
  },
  {
    row: { field: 'event.`is-admin`', op: 'is_true' },
    source: 'event.`is-admin` = true',
    holds: [{ event: { 'is-admin': true } }],
    fails: [{ event: { 'is-admin': false } }, { event: {} }],
  },
  {
    row: { field: 'event.internal', op: 'is_false' },
    source: 'event.internal = false',
    holds: [{ event: { internal: false } }],
    fails: [{ event: { internal: true } }],
  },
];

describe('condition builder: generate and parse back', () => {
  it('when the table is read then it covers every operator', () => {
    expect(new Set(TABLE.map((t) => t.row.op))).toEqual(new Set(CONDITION_OPERATORS));
  });

  for (const { row, source, holds, fails } of TABLE) {
    it(`when one row uses ${row.op} then it writes ${source}, evaluates as meant and parses back`, async () => {
      const condition: Condition = { join: 'all', rows: [row] };
      expect(generateCondition(condition)).toBe(source);
      for (const data of holds) expect(await evaluate(source, data)).toBe(true);
      for (const data of fails) expect(Boolean(await evaluate(source, data))).toBe(false);
      expect(parseCondition(source)).toEqual({ ok: true, condition });
    });
  }

  it('when every operator is joined by all, then by any, then both parse back to the same rows', () => {
    for (const join of ['all', 'any'] as const) {
      const condition: Condition = { join, rows: TABLE.map((t) => t.row) };
      expect(parseCondition(generateCondition(condition))).toEqual({ ok: true, condition });
    }
  });

  it('when rows are joined by any then one holding row is enough; by all then every row must hold', async () => {
    const rows: ConditionRow[] = [
      { field: 'event.user', op: 'is_empty' },
      { field: SCORE, op: 'at_least', value: 70 },
    ];
    const data = { event: { user: 'alice' }, steps: { abuse: { output: { score: 90 } } } };
    const any = generateCondition({ join: 'any', rows });
    expect(any).toBe(`($not($exists(event.user)) or event.user = null or event.user = "") or ${SCORE} >= 70`);
    expect(await evaluate(any, data)).toBe(true);
    expect(await evaluate(generateCondition({ join: 'all', rows }), data)).toBe(false);
  });

  it('when a value holds quotes, backslashes and newlines then the literal keeps them', async () => {
    const row: ConditionRow = { field: 'event.msg', op: 'equals', value: 'say "hi"\\\n' };
    const source = generateCondition({ join: 'all', rows: [row] });
    expect(await evaluate(source, { event: { msg: 'say "hi"\\\n' } })).toBe(true);
    expect(parseCondition(source)).toEqual({ ok: true, condition: { join: 'all', rows: [row] } });
  });

  it('when the predicate is empty then it is a builder condition without rows', () => {
    expect(parseCondition('  ')).toEqual({ ok: true, condition: { join: 'all', rows: [] } });
    expect(generateCondition({ join: 'any', rows: [] })).toBe('');
  });
});

describe('condition builder: hand-written expressions', () => {
  const cases: Array<[string, Condition]> = [
    [
      'steps.x.output.score >= 70',
      { join: 'all', rows: [{ field: 'steps.x.output.score', op: 'at_least', value: 70 }] },
    ],
    [
      '70 <= steps.x.output.score',
      { join: 'all', rows: [{ field: 'steps.x.output.score', op: 'at_least', value: 70 }] },
    ],
    ['event.src_ip in ["a","b"]', { join: 'all', rows: [{ field: 'event.src_ip', op: 'in_list', value: ['a', 'b'] }] }],
    ['event.src_ip in "a"', { join: 'all', rows: [{ field: 'event.src_ip', op: 'in_list', value: ['a'] }] }],
    ['$contains(event.host, "dc")', { join: 'all', rows: [{ field: 'event.host', op: 'contains', value: 'dc' }] }],
    ['((event.ok = true))', { join: 'all', rows: [{ field: 'event.ok', op: 'is_true' }] }],
    [
      '(event.a = 1) or event.b != null or event.c = "x"',
      {
        join: 'any',
        rows: [
          { field: 'event.a', op: 'equals', value: 1 },
          { field: 'event.b', op: 'not_equals', value: null },
          { field: 'event.c', op: 'equals', value: 'x' },
        ],
      },
    ],
  ];
  for (const [source, condition] of cases)
    it(`when "${source}" is opened then the builder shows its rows`, () => {
      expect(parseCondition(source)).toEqual({ ok: true, condition });
    });

  const advanced: Array<[string, RegExp]> = [
    ['event.a = 1 and event.b = 2 or event.c = 3', /mixes “and” with “or”/],
    ['event.a = 1 and $count(event.list) > 2', /part 2 of 2 is not a field compared with a value/],
    ['event.list[0] = "x"', /not a field compared with a value/],
    ['$$.event.a = 1', /not a field compared with a value/],
    ['event.a = event.b', /not a field compared with a value/],
    ['event.a = ', /does not parse/],
    ['$contains(event.host, /dc/)', /not a field compared with a value/],
    ['event.ok', /not a field compared with a value/],
  ];
  for (const [source, reason] of advanced)
    it(`when "${source}" is opened then it stays advanced, saying why`, () => {
      const r = parseCondition(source);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(reason);
    });
});

describe('$inCidr', () => {
  it('when the address is inside an IPv4 or IPv6 network, or any of a list, then it is true', () => {
    expect(inCidr('192.168.4.20', '192.168.0.0/16')).toBe(true);
    expect(inCidr('2001:db8::1', '2001:db8::/32')).toBe(true);
    expect(inCidr('::ffff:10.1.1.1', '10.0.0.0/8')).toBe(true);
    expect(inCidr('172.16.0.1', ['10.0.0.0/8', '172.16.0.0/12'])).toBe(true);
    expect(inCidr('203.0.113.7', '203.0.113.7')).toBe(true);
  });

  it('when the address is outside, malformed or missing then it is false', () => {
    expect(inCidr('192.169.0.1', '192.168.0.0/16')).toBe(false);
    expect(inCidr('2001:db9::1', '2001:db8::/32')).toBe(false);
    expect(inCidr('10.0.0.1', '::/0')).toBe(false);
    expect(inCidr('999.1.1.1', '0.0.0.0/0')).toBe(false);
    expect(inCidr(undefined, '0.0.0.0/0')).toBe(false);
    expect(inCidr(42, '0.0.0.0/0')).toBe(false);
  });

  it('when the network is malformed then the expression fails naming it', async () => {
    expect(() => inCidr('10.0.0.1', '10.0.0.0/33')).toThrow(/"10.0.0.0\/33" is not a network/);
    expect(() => inCidr('10.0.0.1', ['10.0.0.0/8', 7])).toThrow(/7 is not a network/);
    await expect(evaluate('$inCidr(event.ip, "nope")', { event: { ip: '10.0.0.1' } })).rejects.toThrow(
      /"nope" is not a network/,
    );
  });
});

describe('switch field', () => {
  it('when the switch reads one plain path then that is its field; anything else is not', () => {
    expect(parseField('event.severity')).toBe('event.severity');
    expect(parseField('(steps.x.output.`risk-level`)')).toBe('steps.x.output.`risk-level`');
    expect(parseField('$lowercase(event.severity)')).toBeUndefined();
    expect(parseField('event.list[0]')).toBeUndefined();
    expect(parseField('event.')).toBeUndefined();
  });
});
