/**
 * Start-up printing (issue 16 §4): pretty lines for a person at a terminal, JSON for
 * machines (unchanged), `LOG_FORMAT` to force either, the demo users as a table, and a
 * last line that says where to open the UI and how to sign in.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { chooseLogFormat, createLogger, type LogFormat } from '../../src/log';
import { prettyMessage } from '../../src/log-pretty';
import { openableUrl, readyLine, type ReadyFacts } from '../../src/ready';
import { DEMO_USERS, demoUsersNotice } from '../../src/seed/users';

/** A destination that keeps what the logger wrote. */
function sink(): { stream: Writable; text(): string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

describe('the log format', () => {
  it.each<[LogFormat | undefined, boolean, LogFormat]>([
    [undefined, true, 'pretty'],
    [undefined, false, 'json'],
    ['json', true, 'json'],
    ['pretty', false, 'pretty'],
  ])('when LOG_FORMAT is %s and stdout is a terminal: %s then the format is %s', (setting, tty, expected) => {
    expect(chooseLogFormat(setting, tty)).toBe(expected);
  });

  it('when LOG_FORMAT is empty then it is unset, and when it is unknown then loading fails naming it', () => {
    expect(loadConfig({ LOG_FORMAT: '' }).LOG_FORMAT).toBeUndefined();
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).LOG_FORMAT).toBe('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'yaml' })).toThrow(/LOG_FORMAT/);
  });
});

describe('JSON logs', () => {
  it('when the format is json then each line is one JSON object with level, time, service and msg, secrets redacted', () => {
    const out = sink();
    const log = createLogger('info', { format: 'json', destination: out.stream });

    log.info({ port: 3000, password: 'hunter2' }, 'Autonomic listening on http://127.0.0.1:3000');
    log.debug('not at info');

    const lines = out.text().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const line: unknown = JSON.parse(lines[0] ?? '');
    expect(line).toEqual({
      level: 30,
      time: expect.any(Number),
      service: 'autonomic',
      port: 3000,
      password: '[redacted]',
      msg: 'Autonomic listening on http://127.0.0.1:3000',
    });
  });

  it('when the demo users are logged as JSON then they are an array of objects, not a table inside a string', () => {
    const out = sink();
    const log = createLogger('info', { format: 'json', destination: out.stream });
    const { demoUsers, msg } = demoUsersNotice(DEMO_USERS);

    log.warn({ demoUsers }, msg);

    const line = JSON.parse(out.text()) as { demoUsers: unknown; msg: string };
    expect(line.demoUsers).toContainEqual({ username: 'alice', role: 'analyst', displayName: 'Alice (analyst)' });
    expect(line.msg).not.toContain('\n');
  });
});

describe('pretty logs', () => {
  it('when the format is pretty then a line reads time, level, message and key=value fields, secrets redacted', () => {
    const out = sink();
    const log = createLogger('info', { format: 'pretty', destination: out.stream, colorize: false });

    log.info({ port: 3000, startMs: 812, password: 'hunter2', migrations: [] }, 'Autonomic listening');

    expect(out.text()).toMatch(
      /^\[\d\d:\d\d:\d\d\] INFO: Autonomic listening {2}port=3000 startMs=812 password=\[redacted\] migrations=\[\]\n$/,
    );
    expect(out.text()).not.toContain('"service"');
  });

  it('when the demo users are logged pretty then they print as an aligned table under the warning', () => {
    const out = sink();
    const log = createLogger('info', { format: 'pretty', destination: out.stream, colorize: false });
    const { demoUsers, msg } = demoUsersNotice(DEMO_USERS);

    log.warn({ demoUsers }, msg);

    const lines = out.text().trimEnd().split('\n');
    expect(lines[0]).toMatch(/WARN: Demo users created, all with the password "autonomic-demo"\. WARNING: /);
    expect(lines.slice(1)).toEqual([
      '    user    role      name',
      '    alice   analyst   Alice (analyst)',
      '    bob     reviewer  Bob (reviewer)',
      '    carol   reviewer  Carol (reviewer)',
      '    dave    manager   Dave (manager)',
      '    admin   admin     Admin',
      '    oncall  analyst   On-call lead (break glass)',
    ]);
  });

  it('when a field is a string with spaces then it is quoted, and objects are compact JSON', () => {
    expect(prettyMessage({ msg: 'x', clientDir: '/a b', timings: { openMs: 3 } })).toBe(
      'x  clientDir="/a b" timings={"openMs":3}',
    );
  });

  it('when a field holds fractional milliseconds or a long array then it is shortened for the eye', () => {
    const applied = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'];
    expect(prettyMessage({ msg: 'database ready', timings: { embeddedMs: 16053.050145 }, applied })).toBe(
      'database ready  timings={"embeddedMs":16053.1} applied=["m1","m2","m3","m4","m5","…(+2 more)"]',
    );
  });
});

describe('the ready line', () => {
  const facts: ReadyFacts = {
    url: 'http://127.0.0.1:3000',
    ui: 'served',
    users: 6,
    demoUsers: ['alice', 'bob', 'admin'],
    demoCreated: true,
  };

  it('when the demo users were just created then it says where to open and to sign in as alice or admin', () => {
    expect(readyLine(facts)).toBe(
      'Ready. Open http://127.0.0.1:3000 in a browser and sign in as alice or admin with the demo password "autonomic-demo" (demo users are listed in README.md)',
    );
  });

  it('when the demo users are older then it warns the password may have been changed', () => {
    expect(readyLine({ ...facts, demoCreated: false })).toContain('"autonomic-demo" unless it was changed');
  });

  it('when no demo user is left then it says to sign in with an account, and with no user at all how to get one', () => {
    expect(readyLine({ ...facts, demoUsers: [] })).toBe(
      'Ready. Open http://127.0.0.1:3000 in a browser and sign in with your account',
    );
    expect(readyLine({ ...facts, users: 0, demoUsers: [] })).toContain('SEED_DEMO=true');
  });

  it('when the client is not built or not served then it points at the API and says why', () => {
    expect(readyLine({ ...facts, ui: 'not-built' })).toContain('run `npm run build`');
    expect(readyLine({ ...facts, ui: 'off' })).toBe(
      'Ready. The API is at http://127.0.0.1:3000/api (SERVE_CLIENT=false: no UI here)',
    );
  });

  it.each([
    ['0.0.0.0', 3000, undefined, 'http://localhost:3000'],
    ['::', 8080, undefined, 'http://localhost:8080'],
    ['::1', 3000, undefined, 'http://[::1]:3000'],
    ['127.0.0.1', 3000, 'https://soar.example.com/', 'https://soar.example.com'],
  ])('when HOST is %s, PORT %s and PUBLIC_URL %s then the address to open is %s', (host, port, pub, expected) => {
    expect(openableUrl(host, port, pub)).toBe(expected);
  });
});
