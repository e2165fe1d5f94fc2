/**
 * `npm run cli -- replay <workflow> <version>` against the whole server over real HTTP
 * (issue 15 §1): it starts the replay, waits for it, prints one line per event and the
 * counts; exit 0 when every event behaves the same, 1 when any differs, 2 when the replay
 * could not be judged (the server refused, could not be reached, a bad token).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/harness';
import { alert, replayServer, triageDoc, type ReplayServer } from './support';

let s: ReplayServer;
let wf: { id: string; versionId: string };
let lowered: number;

beforeAll(async () => {
  s = await replayServer();
  wf = await s.published(triageDoc('cli triage', 80));
  for (const n of [10, 60, 90]) await s.liveRun(wf.id, alert(n));
  lowered = await s.saveVersion(wf.id, triageDoc('cli triage', 50));
}, 120_000);
afterAll(async () => {
  await s.close();
});

const replay = (...args: string[]) => cli('replay', ...args, '--url', s.url, '--token', s.tokens.analyst);

describe('cli replay', () => {
  it('when the version behaves differently on an event then each event is printed with its diff and the exit code is 1', async () => {
    const run = await replay(wf.id, String(lowered), '--count', '10');

    expect(run.err).toEqual([]);
    expect(run.code).toBe(1);
    expect(run.out[0]).toBe(`replay of version ${lowered} on the last 10 events of version 1`);
    // Newest first: alert 90 (isolated by both), 60 (now isolated), 10 (by neither).
    const events = run.out.slice(1, 4);
    expect(events[0]).toMatch(/same\s+succeeded → succeeded\s+path same$/);
    expect(events[1]).toMatch(
      /different\s+succeeded → succeeded\s+path look → triage ⇒ look → triage → isolate {2}\+ .*ws-60.* \(would-run\)$/,
    );
    expect(events[2]).toMatch(/same\s+succeeded → succeeded\s+path same$/);
    expect(run.out[4]).toBe(
      '3 events: 2 same, 1 different (1 path changed, 0 status changed; effects +1 added, −0 removed, ~0 changed), 0 errors',
    );
  });

  it('when the published version is replayed then every event is the same and the exit code is 0', async () => {
    const run = await replay(wf.id, '1');
    expect(run.code).toBe(0);
    expect(run.out.at(-1)).toMatch(/^3 events: 3 same, 0 different/);
  });

  it('when --json is given then the replay with every event’s diff is printed as JSON', async () => {
    const run = await replay(wf.id, String(lowered), '--json');
    const printed = JSON.parse(run.out.join('\n'));
    expect(printed).toMatchObject({ kind: 'replay', status: 'done', summary: { events: 3, different: 1 } });
    expect(printed.items).toHaveLength(3);
  });

  it.each([
    [['--count', '0'], /the server answered 400: .*body\.count/],
    [['--token', 'atk_not-a-token'], /the server answered 401/],
  ])('when the server refuses (%j) then it says why and the exit code is 2', async (extra, message) => {
    const run = await cli('replay', wf.id, '1', '--url', s.url, '--token', s.tokens.analyst, ...extra);
    expect(run.code).toBe(2);
    expect(run.err.join('\n')).toMatch(message);
  });

  it('when the server cannot be reached then the exit code is 2', async () => {
    const run = await cli('replay', wf.id, '1', '--url', 'http://127.0.0.1:9', '--token', s.tokens.analyst);
    expect(run.code).toBe(2);
    expect(run.err[0]).toMatch(/^cannot reach http:\/\/127\.0\.0\.1:9/);
  });

  it('when the version is not a number or a token is missing then it is a usage error (2)', async () => {
    expect((await cli('replay', wf.id, 'latest', '--token', 'x')).code).toBe(2);
    const noToken = await cli('replay', wf.id, '1', '--url', s.url);
    expect(noToken.code).toBe(2);
    expect(noToken.err[0]).toContain('an API token is needed');
  });
});
