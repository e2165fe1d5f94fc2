import { describe, expect, it } from 'vitest';
import { tokenAt } from './caretToken';
import { eventPaths, filterCompletions, outputPaths } from './completions';

describe('eventPaths', () => {
  it('when the schema declares nested fields and arrays then every dotted path is listed with its type', () => {
    const paths = eventPaths({
      type: 'object',
      properties: {
        ip: { type: 'string', format: 'ipv4' },
        user: { type: 'object', properties: { name: { type: 'string', description: 'login' } } },
        indicators: { type: 'array', items: { type: 'object', properties: { value: { type: 'string' } } } },
        'x-forwarded-for': { type: 'string' },
      },
    });
    expect(paths).toEqual([
      { path: 'event', detail: 'object' },
      { path: 'event.ip', detail: 'string (ipv4)' },
      { path: 'event.user', detail: 'object' },
      { path: 'event.user.name', detail: 'string — login' },
      { path: 'event.indicators', detail: 'array of object' },
      { path: 'event.indicators.value', detail: 'string' },
      { path: 'event.`x-forwarded-for`', detail: 'string' },
    ]);
  });

  it('when the schema is empty then only event itself is offered', () => {
    expect(eventPaths({})).toEqual([{ path: 'event', detail: 'object' }]);
  });
});

describe('outputPaths', () => {
  it("when no sample is given then the catalogue's example output of the type is walked", () => {
    expect(outputPaths('http', undefined, 'enrich_ip').map((c) => c.path)).toEqual([
      'steps.enrich_ip.output',
      'steps.enrich_ip.output.status',
      'steps.enrich_ip.output.headers',
      'steps.enrich_ip.output.body',
    ]);
  });

  it('when a sample is given then its fields are listed, relative to output without a step id', () => {
    const paths = outputPaths('transform', { score: 80, tags: [{ name: 'tor' }] });
    expect(paths).toEqual([
      { path: 'output', detail: 'object' },
      { path: 'output.score', detail: 'number, e.g. 80' },
      { path: 'output.tags', detail: 'array of object' },
      { path: 'output.tags.name', detail: 'string, e.g. "tor"' },
    ]);
  });

  it('when the type has no example output then just output is offered', () => {
    expect(outputPaths('approval', undefined, 'ask')).toEqual([
      { path: 'steps.ask.output', detail: 'output (no example)' },
    ]);
  });
});

describe('filterCompletions', () => {
  const items = [
    { path: 'steps.enrich_ip.output.status' },
    { path: 'steps.enrich_ip.output' },
    { path: 'event' },
    { path: 'event.ip' },
    { path: 'steps.notify.output' },
  ];

  it('when a prefix is typed then the matching paths come shallowest first', () => {
    expect(filterCompletions(items, 'steps.en').map((i) => i.path)).toEqual([
      'steps.enrich_ip.output',
      'steps.enrich_ip.output.status',
    ]);
  });

  it('when the prefix differs in case then it still matches, and an exact match is left out', () => {
    expect(filterCompletions(items, 'EV').map((i) => i.path)).toEqual(['event', 'event.ip']);
    expect(filterCompletions(items, 'event').map((i) => i.path)).toEqual(['event.ip']);
  });
});

describe('tokenAt', () => {
  it('when the caret follows a dotted path then the whole path is the prefix', () => {
    const text = 'a = steps.enrich_ip.output.';
    expect(tokenAt(text, text.length, 'expression')).toEqual({
      from: 4,
      to: text.length,
      prefix: 'steps.enrich_ip.output.',
      kind: 'path',
    });
  });

  it('when the caret follows $ then a function is completed', () => {
    expect(tokenAt('$co', 3, 'expression')).toMatchObject({ from: 0, prefix: '$co', kind: 'function' });
  });

  it('when the caret is inside a string literal then nothing is completed', () => {
    expect(tokenAt('name = "ev', 10, 'expression')).toBeUndefined();
  });

  it('when a template caret is outside braces then nothing is completed, inside it is', () => {
    expect(tokenAt('Hello ev', 8, 'template')).toBeUndefined();
    expect(tokenAt('Hello {{ ev', 11, 'template')).toMatchObject({ from: 9, prefix: 'ev' });
    expect(tokenAt('{{ a }} ev', 10, 'template')).toBeUndefined();
  });

  it('when nothing is typed then only "{{ " or an explicit request (Ctrl+Space) offers every path', () => {
    const empty = { prefix: '', kind: 'path' };
    expect(tokenAt('Hi {{', 5, 'template')).toMatchObject({ ...empty, from: 5, to: 5 });
    expect(tokenAt('Hi {{ ', 6, 'template')).toMatchObject({ ...empty, from: 6 });
    expect(tokenAt('Hi {{ a + ', 10, 'template')).toBeUndefined();
    expect(tokenAt('Hi {{ a + ', 10, 'template', true)).toMatchObject({ ...empty, from: 10 });
    expect(tokenAt('Hi ', 3, 'template', true)).toBeUndefined();
    expect(tokenAt('a = ', 4, 'expression')).toBeUndefined();
    expect(tokenAt('', 0, 'expression', true)).toMatchObject({ ...empty, from: 0 });
    expect(tokenAt('a = "x ', 7, 'expression', true)).toBeUndefined();
  });

  it('when the caret sits inside a word then the rest of the word is replaced too', () => {
    expect(tokenAt('event.hostname', 8, 'expression')).toMatchObject({ from: 0, to: 14, prefix: 'event.ho' });
  });
});
