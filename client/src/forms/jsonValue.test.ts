import { describe, expect, test } from 'vitest';
import { problemsOf } from './checkValue';
import { getAt, setAt } from './jsonValue';
import { fieldsOf } from './schemaFields';

describe('setAt', () => {
  test('when a nested field is set then the groups on the way are created and other keys kept', () => {
    expect(setAt({ kept: 1 }, ['host', 'name'], 'web-1')).toEqual({ kept: 1, host: { name: 'web-1' } });
  });

  test('when the last field of a group is removed then the group goes too, but not the root', () => {
    expect(setAt({ host: { name: 'web-1' } }, ['host', 'name'], undefined)).toEqual({});
  });

  test('when an item of a list is removed then the items after it move up and an emptied item stays', () => {
    const v = { users: [{ login: 'a' }, { login: 'b' }] };
    expect(setAt(v, ['users', 0], undefined)).toEqual({ users: [{ login: 'b' }] });
    expect(setAt(v, ['users', 1, 'login'], undefined)).toEqual({ users: [{ login: 'a' }, {}] });
    expect(getAt(v, ['users', 1, 'login'])).toBe('b');
  });
});

describe('problemsOf', () => {
  const fields = fieldsOf({
    type: 'object',
    required: ['ip'],
    properties: {
      ip: { type: 'string', anyOf: [{ format: 'ipv4' }, { format: 'ipv6' }] },
      seen: { type: 'string', format: 'date-time' },
      link: { type: 'string', format: 'uri' },
      hosts: { type: 'array', items: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } },
    },
  });

  test('when an address is IPv4 or IPv6 and the date has a time zone then nothing is said', () => {
    expect(
      problemsOf(fields, { ip: '2001:db8::1', seen: '2026-12-06T13:00:00Z', link: 'https://x.example/a' }),
    ).toEqual(new Map());
  });

  test('when values do not fit then each path gets its problem in words, list items included', () => {
    expect(problemsOf(fields, { ip: 'x', seen: '2026-12-06 13:00', link: 'not a link', hosts: [{}] })).toEqual(
      new Map([
        ['ip', 'must be an IPv4 address or an IPv6 address, e.g. 192.0.2.10'],
        ['seen', 'must be a date and time with its time zone, e.g. 2026-12-06T13:00:00Z'],
        ['link', 'must be a web address, e.g. https://example.com/alert/42'],
        ['hosts.0.name', 'is required'],
      ]),
    );
  });
});
