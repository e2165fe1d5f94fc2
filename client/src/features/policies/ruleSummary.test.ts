import { DEFAULT_POLICIES, type PolicyRule } from '@autonomic/workflow';
import { describe, expect, it } from 'vitest';
import { ruleSummary } from './ruleSummary';

const rule = (id: string): PolicyRule => {
  const p = DEFAULT_POLICIES.find((x) => x.id === id);
  if (!p) throw new Error(`no default ${id}`);
  return p.rule;
};

describe('a policy rule in words', () => {
  it('when the rule is the default guard then both guards are named with their ports and the field read', () => {
    expect(ruleSummary(rule('destructive-guarded'))).toBe(
      'Every path to a destructive step passes: approval (approved) or condition on safety-lookup.autoOk (true)',
    );
  });

  it('when the rule is about error ports, loops or hosts then each says what must hold', () => {
    expect(ruleSummary(rule('destructive-error-handled'))).toBe('Every destructive step has its “error” port wired');
    expect(ruleSummary(rule('destructive-loop-limited'))).toBe(
      'A destructive step inside a foreach needs the workflow’s limit per run',
    );
    expect(ruleSummary(rule('http-write-allow-list'))).toBe(
      'An HTTP POST, PUT, PATCH or DELETE goes only to: no host (none is allowed yet)',
    );
  });

  it('when a rule selects types and limits the count then both are in the words', () => {
    expect(
      ruleSummary({
        kind: 'loop-limited',
        steps: { effects: ['write', 'destructive'], types: ['http'] },
        loops: ['foreach'],
        maxPerRun: 5,
      }),
    ).toBe('A write or destructive step of type http inside a foreach needs the workflow’s limit per run of at most 5');
    expect(ruleSummary({ kind: 'http-hosts', methods: ['DELETE'], allow: ['api.example.com', '*.corp.example'] })).toBe(
      'An HTTP DELETE goes only to: api.example.com, *.corp.example',
    );
  });
});
