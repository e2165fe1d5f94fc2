// @vitest-environment jsdom
import type { CredentialInfo } from '@autonomic/api';
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEditorStore } from '../../editor';
import { credentialInfo } from '../credentials/testing';
import { fakeServer, FakeReply } from '../runs/fakeServer';
import { useConnectorCatalog } from './useConnectorCatalog';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** No connectors; the credentials are whatever `rows` holds when asked (or a 500 once `failing`). */
function serve(rows: CredentialInfo[], failing: { now: boolean }) {
  return fakeServer(({ url }) => {
    if (url === '/connectors') return { connectors: [] };
    if (url === '/credentials') {
      if (failing.now) throw new FakeReply(500, { error: { code: 'internal', message: 'boom', details: [] } });
      return { credentials: rows };
    }
    throw new Error(`unexpected ${url}`);
  });
}

describe('useConnectorCatalog', () => {
  it('when the window regains the focus then the credentials are listed again; a failed refresh keeps the list', async () => {
    const rows = [credentialInfo('abuse_lab', 'abuseipdb')];
    const failing = { now: false };
    const { requests } = serve(rows, failing);
    const asked = () => requests.filter((r) => r.url === '/credentials').length;
    const store = createEditorStore();
    renderHook(() => useConnectorCatalog(store));
    const names = () => store.getState().connectors.credentials?.map((c) => c.name);
    await vi.waitFor(() => expect(names()).toEqual(['abuse_lab']));

    rows.push(credentialInfo('fw_new', 'fortigate'));
    act(() => void window.dispatchEvent(new Event('focus')));
    await vi.waitFor(() => expect(names()).toEqual(['abuse_lab', 'fw_new']));

    failing.now = true;
    act(() => void window.dispatchEvent(new Event('focus')));
    await vi.waitFor(() => expect(asked()).toBe(3));
    await act(async () => {}); // the refused answer is handled
    expect(names()).toEqual(['abuse_lab', 'fw_new']);
    expect(store.getState().connectors.status).toBe('ready');
  });
});
