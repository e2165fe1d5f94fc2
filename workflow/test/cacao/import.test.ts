import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importCacao } from '../../src/cacao';
import { validateDocument } from '../../src/load';
import { BROKEN, importChecked, readExample, validExamples } from './support';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

/** Every key path of a JSON value, as JSON pointers. */
function keyPaths(v: unknown, at = ''): string[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => [`${at}/${i}`, ...keyPaths(x, `${at}/${i}`)]);
  if (typeof v !== 'object' || v === null) return [];
  return Object.entries(v).flatMap(([k, x]) => {
    const p = `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    return [p, ...keyPaths(x, p)];
  });
}

/** How deep a report entry must be for a path: each step property, each dictionary entry, each top-level property. */
function depthNeeded(path: string): number {
  const keys = path.split('/').slice(1);
  const dictionary = [
    'agent_definitions',
    'target_definitions',
    'authentication_info_definitions',
    'playbook_variables',
    'extension_definitions',
    'playbook_extensions',
    'data_marking_definitions',
    'signatures',
  ];
  if (keys[0] === 'workflow')
    return Math.min(
      keys.length,
      keys[2] === 'commands' || keys[2] === 'step_variables' || keys[2] === 'step_extensions' ? 4 : 3,
    );
  if (dictionary.includes(keys[0] ?? '')) return Math.min(keys.length, 2);
  return 1;
}

describe('CACAO import of the example playbooks', () => {
  it.each(validExamples())(
    'when %s is imported then the draft validates with no problem and the report has entries',
    (file) => {
      const r = importChecked(readExample(file));
      expect(r.problems).toEqual([]);
      expect(r.report.entries.length).toBeGreaterThan(5);
      const v = validateDocument(r.document);
      expect(v.problems).toEqual([]);
    },
  );

  it.each(validExamples())(
    'when %s is imported then every key of the file is in the report, none silently dropped',
    (file) => {
      const json = readExample(file);
      const r = importChecked(json);
      const pointers = r.report.entries.map((e) => e.pointer);
      const missing = keyPaths(json).filter((p) => {
        const need = depthNeeded(p);
        return !pointers.some((e) => (p === e || p.startsWith(`${e}/`)) && e.split('/').length - 1 >= need);
      });
      expect(missing).toEqual([]);
    },
  );

  it('when the playbook authenticates with a password then the report says credentials are never imported and the draft has no password', () => {
    const r = importChecked(readExample('playbook.json'));
    const auth = r.report.entries.find((e) => e.pointer.startsWith('/authentication_info_definitions/http-basic'));
    expect(auth).toMatchObject({ status: 'unsupported', message: expect.stringContaining('never imported') });
    expect(JSON.stringify(r.document)).not.toContain('super-secure-password');
  });

  it('when commands name variables then they become {{ vars }} templates, undeclared ones added empty and reported', () => {
    const r = importChecked(readExample('playbook.json'));
    const steps = r.document?.steps ?? {};
    expect(steps['bia_for_cve']).toMatchObject({
      type: 'http',
      params: { method: 'GET', url: 'http://{{ vars.bia_address }}/analysisreport/{{ vars.cve }}' },
    });
    expect(r.document?.vars).toMatchObject({ var1: 'A random string', bia_address: '192.168.0.1', cve: '' });
    expect(r.report.entries).toContainEqual(
      expect.objectContaining({ pointer: '/playbook_variables/__cve__', status: 'approximated' }),
    );
    // workflow_exception names a step the file does not have: reported, not a rejection.
    expect(r.report.entries).toContainEqual(
      expect.objectContaining({
        pointer: '/workflow_exception',
        status: 'unsupported',
        message: expect.stringContaining('does not exist'),
      }),
    );
  });

  it('when an http-api command has a relative path then the URL is built from the target address', () => {
    const r = importChecked(readExample('http-playbook.json'));
    expect(r.document?.steps?.['get']).toMatchObject({
      type: 'http',
      params: { method: 'GET', url: 'http://httpbin.org/get' },
    });
    expect(r.document?.onFailure).toEqual({ continueAt: 'end_flow' });
  });

  it('when an ssh command has no connector then it is a manual task with the command text, reported as approximated', () => {
    const r = importChecked(readExample('ssh-playbook.json'));
    expect(r.document?.steps?.['touch_file']).toMatchObject({
      type: 'approval',
      params: { message: expect.stringContaining('touch {{ vars.path }}') },
    });
    expect(r.report.entries).toContainEqual(
      expect.objectContaining({
        pointer: expect.stringMatching(/commands\/0$/),
        status: 'approximated',
        message: expect.stringContaining('no installed connector runs ssh'),
      }),
    );
  });

  it('when an OpenC2 command carries a base64 body then the HTTP step sends it decoded as openc2+json', () => {
    const r = importChecked(readExample('openc2-playbook.json'));
    const step = r.document?.steps?.['openc2'];
    expect(step).toMatchObject({
      type: 'http',
      params: {
        method: 'POST',
        url: 'http://httpbin.org/post',
        headers: { 'Content-Type': 'application/openc2+json' },
      },
    });
    expect(JSON.stringify(step)).toContain('"action\\": \\"deny\\"');
  });

  it('when a parallel has no on_completion then its branches end on their own (no join)', () => {
    const r = importChecked(readExample('parallels_playbook.json'));
    expect(r.document?.steps?.['imc_assets_by_cve']).toMatchObject({
      type: 'parallel',
      transitions: { branches: ['bia_for_cve', 'end_soarca_parallel_flow'], error: ['end_soarca_main_flow'] },
    });
  });
});

describe('CACAO import rejects the broken examples, naming the element', () => {
  const expected: Record<string, RegExp> = {
    'missing_step_playbook.json':
      /^workflow\.action--2190f685-1857-44ac-ad0e-0ded6c6ef3ce: on_completion points at end--6b23c237-ade8-4d00-9aa1-75999738d558, which does not exist$/,
    'infinite_playbook.json':
      /^workflow\.action--6b23c237-ade8-4d00-9aa1-75999738d557: its steps loop forever .* no condition to stop/,
    'invalid_email_playbook.json':
      /^agent_definitions\.individual--6b23a237-ade8-4d00-9aa1-75999732d557: contact e-mail "work" is not an e-mail address/,
    'invalid_playbook.json':
      /^agent_definitions\.http-api--7e9174ec-a293-43df-a72d-471c79e276bf\.type: must be one of "http-api" \(at \/agent_definitions\/http-api--7e9174ec-a293-43df-a72d-471c79e276bf\/type\)$/,
    'changed-playbook.json': /^workflow: must be an object keyed by step id/,
  };
  it.each(BROKEN)('when %s is imported then it is rejected with a message naming the element', (file) => {
    const r = importChecked(readExample(file));
    expect(r.document).toBeUndefined();
    expect(r.problems.map((p) => p.message)).toContainEqual(expect.stringMatching(expected[file] ?? /^$/));
  });
});

describe('CACAO import of logic steps', () => {
  it('when a while-condition is imported then it is a loop checked before each round, bounded at 100 rounds, body returning to it', () => {
    const r = importChecked(fixture('while-sessions.json'));
    expect(r.problems).toEqual([]);
    const steps = r.document?.steps ?? {};
    expect(steps['while_sessions_remain']).toMatchObject({
      type: 'loop',
      params: {
        check: 'before',
        maxRounds: 100,
        until:
          '$not(($exists(steps.revoke_one_session.output.body.remaining) ? steps.revoke_one_session.output.body.remaining : vars.remaining) > 0)',
      },
      transitions: { body: ['revoke_one_session'], done: ['all_revoked'] },
    });
    expect(steps['while_sessions_remain']?.transitions?.['max_reached']).toBeUndefined();
    expect(steps['revoke_one_session']).toMatchObject({
      type: 'http',
      params: { method: 'POST', url: 'https://{{ vars.idp }}/sessions/revoke-one' },
      transitions: { out: ['while_sessions_remain'] },
    });
    expect(steps['end_of_round']).toBeUndefined();
    expect(r.document?.onFailure).toEqual({ continueAt: 'failed' });
    // Only the exception reaches that end step: reaching it ends the run as failed.
    expect(steps['failed']).toMatchObject({ type: 'end', params: { status: 'failed' } });
    expect(r.report.entries).toContainEqual(
      expect.objectContaining({
        status: 'approximated',
        message: expect.stringContaining('CACAO while-condition has no bound; bounded at 100 rounds'),
      }),
    );
    // The loop's condition reads its body's output (the loop contract allows it).
    expect(validateDocument(r.document).problems).toEqual([]);
  });

  it('when if, switch, parallel with on_completion and playbook-action are imported then each maps and the parallel branches meet at a join', () => {
    const r = importChecked(fixture('branches.json'), {
      resolvePlaybook: (id) => (id.endsWith('9a99') ? 'containment' : undefined),
    });
    const steps = r.document?.steps ?? {};
    expect(steps['is_it_malicious']).toMatchObject({
      type: 'condition',
      params: { predicate: "(event.`ipv4-addr`.value = '10.0.0.1' and $not(vars.mode = 'off'))" },
      transitions: { true: ['mode'], false: ['suspicious_name'] },
    });
    expect(steps['mode']).toMatchObject({
      type: 'switch',
      params: { value: 'vars.mode', cases: [{ port: 'case_1', equals: 'block' }] },
      transitions: { case_1: ['contain'], default: ['done'] },
    });
    expect(steps['contain']).toMatchObject({
      type: 'parallel',
      transitions: { branches: ['tell_the_user', 'run_containment'] },
    });
    expect(steps['tell_the_user']).toMatchObject({ type: 'approval', transitions: { approved: ['contain_join'] } });
    expect(steps['run_containment']).toMatchObject({
      type: 'subworkflow',
      params: { workflow: 'containment' },
      transitions: { out: ['contain_join'] },
    });
    expect(steps['contain_join']).toMatchObject({
      type: 'join',
      params: { mode: 'all' },
      transitions: { out: ['done'] },
    });
    expect(r.document?.metadata).toMatchObject({ severity: 'critical', tags: ['phishing'] });
  });

  it('when a STIX pattern has no mapping then the condition shows a problem in the draft (never silently true) and the report quotes it', () => {
    const r = importChecked(fixture('branches.json'));
    const entry = r.report.entries.find((e) =>
      e.pointer.endsWith('if-condition--2b0d2a5e-5f39-4b53-9d0a-2c1e1f7f0008/condition'),
    );
    expect(entry).toMatchObject({
      status: 'unsupported',
      message: expect.stringContaining("[domain-name:value MATCHES '^evil']"),
    });
    const problems = validateDocument(r.document).problems;
    expect(problems).toContainEqual(expect.objectContaining({ nodeId: 'suspicious_name', path: 'params.predicate' }));
  });

  it('when the playbook-action cannot be resolved then it is reported unsupported', () => {
    const r = importChecked(fixture('branches.json'));
    expect(r.report.entries).toContainEqual(
      expect.objectContaining({
        pointer: expect.stringMatching(/playbook-action--.*\/playbook_id$/),
        status: 'unsupported',
        message: expect.stringContaining('cannot be resolved'),
      }),
    );
  });

  it('when the input is not a playbook then it is rejected in words', () => {
    expect(importCacao([]).problems[0]?.message).toBe('a CACAO playbook is a JSON object');
    expect(importCacao({ type: 'bundle' }).problems[0]?.message).toMatch(/^type: must be "playbook"/);
  });
});
