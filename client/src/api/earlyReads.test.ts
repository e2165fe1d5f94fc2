// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { layoutApi } from '@autonomic/api';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { api } from './client';
import { EARLY_READ_FRESH_MS } from './earlyReads';

const ID = '0190a000-0000-7000-8000-0000000000f1';
const URL_OF_LAYOUT = `/api/workflows/${ID}/layout`;

const reply = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A stand-in network that answers the layout route and counts the requests it sent. */
function stubNetwork(version: number) {
  const sent: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      sent.push(url);
      return reply(200, { version, ui: null });
    }),
  );
  return sent;
}

afterEach(() => {
  vi.unstubAllGlobals();
  window.__earlyReads = undefined;
});

describe('a read started at page start', () => {
  test('answers the first GET of its URL without a new request, and only the first', async () => {
    const sent = stubNetwork(2);
    window.__earlyReads = {
      [URL_OF_LAYOUT]: { at: Date.now(), reply: Promise.resolve(reply(200, { version: 7, ui: null })) },
    };
    expect(await api(layoutApi.get, { params: { id: ID } })).toEqual({ version: 7, ui: null });
    expect(sent).toEqual([]);
    expect(await api(layoutApi.get, { params: { id: ID } })).toEqual({ version: 2, ui: null });
    expect(sent).toEqual([URL_OF_LAYOUT]);
  });

  test('that failed (signed out at start) is asked again', async () => {
    const sent = stubNetwork(3);
    const refused = reply(401, { error: { code: 'unauthenticated', message: 'Sign in first.' } });
    window.__earlyReads = { [URL_OF_LAYOUT]: { at: Date.now(), reply: Promise.resolve(refused) } };
    expect(await api(layoutApi.get, { params: { id: ID } })).toEqual({ version: 3, ui: null });
    expect(sent).toEqual([URL_OF_LAYOUT]);
  });

  test('that is no longer fresh is not used', async () => {
    const sent = stubNetwork(4);
    const at = Date.now() - EARLY_READ_FRESH_MS - 1;
    window.__earlyReads = { [URL_OF_LAYOUT]: { at, reply: Promise.resolve(reply(200, { version: 1, ui: null })) } };
    expect(await api(layoutApi.get, { params: { id: ID } })).toEqual({ version: 4, ui: null });
    expect(sent).toEqual([URL_OF_LAYOUT]);
  });
});

describe('public/early-reads.js', () => {
  const script = readFileSync(join(__dirname, '../../public/early-reads.js'), 'utf8');
  const run = (path: string) => {
    window.history.pushState(null, '', path);
    const sent: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        sent.push(url);
        return url === `/api/workflows/${ID}` ? reply(200, { id: ID, latest: { number: 5 } }) : reply(200, {});
      }),
    );
    new Function(script)();
    return sent;
  };

  test("on the editor's URL: the sign-in check, the workflow and its layout at once, then the latest version", async () => {
    const sent = run(`/workflows/${ID}`);
    expect(sent).toEqual(['/api/auth/me', URL_OF_LAYOUT, `/api/workflows/${ID}`]);
    await vi.waitFor(() => expect(sent).toContain(`/api/workflows/${ID}/versions/5`));
    expect(Object.keys(window.__earlyReads ?? {}).sort()).toEqual(
      ['/api/auth/me', `/api/workflows/${ID}`, URL_OF_LAYOUT, `/api/workflows/${ID}/versions/5`].sort(),
    );
  });

  test('elsewhere (a new workflow, the list): only the sign-in check', () => {
    expect(run('/workflows/new')).toEqual(['/api/auth/me']);
    expect(run('/workflows')).toEqual(['/api/auth/me']);
  });
});
