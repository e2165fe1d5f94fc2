// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { PublishButton } from './PublishButton';

const WF = '0190a000-0000-7000-8000-0000000000f1';
const PUBLISH_URL = `/api/workflows/${WF}/versions/2/publish`;

const summary = (number: number, status: string) => ({
  id: `0190a000-0000-7000-8000-00000000000${number}`,
  workflowId: WF,
  number,
  contentHash: 'a'.repeat(64),
  status,
  changeNote: '',
  createdAt: '2026-11-27T10:00:00.000Z',
  author: { id: '0190a000-0000-7000-8000-00000000a11c', username: 'alice', displayName: 'Alice' },
});
const refusal = {
  error: {
    code: 'credential_failing',
    message: 'version 2 uses credentials that failed their latest health probe: abuse-prod (Authentication failed)',
    details: [{ path: 'credentials.abuse-prod', message: 'AbuseIPDB answered 401: Authentication failed' }],
  },
};
const published = { workflowId: WF, published: summary(2, 'published'), retired: null, rolledBack: false };

/** The server: refuses a publish without an override, accepts one with; records every body sent. */
function serve(): unknown[] {
  const bodies: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: { body?: string }) => {
      if (url !== PUBLISH_URL) throw new Error(`unexpected call ${url}`);
      const body = JSON.parse(init?.body ?? 'null') as { override?: unknown } | null;
      bodies.push(body);
      const [status, reply] = body?.override ? [200, published] : [409, refusal];
      return new Response(JSON.stringify(reply), { status, headers: { 'content-type': 'application/json' } });
    }),
  );
  return bodies;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('PublishButton (review page)', () => {
  test('when publish is refused for a failing credential then the refusal names it and an override with a reason publishes', async () => {
    const bodies = serve();
    const onPublished = vi.fn();
    render(<PublishButton workflowId={WF} number={2} onPublished={onPublished} />);

    fireEvent.click(screen.getByTestId('publish-version'));
    fireEvent.click(screen.getByTestId('publish-confirm-submit'));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('abuse-prod (Authentication failed)');
    expect(alert.textContent).toContain('Credential abuse-prod: AbuseIPDB answered 401');
    const submit = screen.getByTestId('publish-override-submit') as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('publish-override-reason'), { target: { value: 'too short' } });
    expect(submit.disabled).toBe(true);

    fireEvent.change(screen.getByTestId('publish-override-reason'), {
      target: { value: '  Vendor outage acknowledged by the SOC lead  ' },
    });
    expect(submit.disabled).toBe(false);
    fireEvent.click(submit);

    await waitFor(() => expect(onPublished).toHaveBeenCalledTimes(1));
    expect(bodies).toEqual([{}, { override: { reason: 'Vendor outage acknowledged by the SOC lead' } }]);
  });

  test('when publish is refused for another reason then no override is offered', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({ error: { code: 'not_approved', message: 'version 2 is draft', details: [] } }),
            { status: 409, headers: { 'content-type': 'application/json' } },
          ),
      ),
    );
    render(<PublishButton workflowId={WF} number={2} onPublished={() => undefined} />);

    fireEvent.click(screen.getByTestId('publish-version'));
    fireEvent.click(screen.getByTestId('publish-confirm-submit'));

    expect((await screen.findByRole('alert')).textContent).toContain('version 2 is draft');
    expect(screen.queryByTestId('publish-override')).toBeNull();
  });

  test('when Publish is pressed then nothing is sent until a confirmation naming the version, its risk and destructive steps is accepted', async () => {
    const sent = vi.fn(
      async () =>
        new Response(JSON.stringify(published), { status: 200, headers: { 'content-type': 'application/json' } }),
    );
    vi.stubGlobal('fetch', sent);
    const onPublished = vi.fn();
    const change = {
      workflowName: 'Containment',
      replaces: 1,
      risk: 'high' as const,
      reasons: ['adds destructive step block'],
      destructive: [{ stepId: 'block', label: 'Block IP' }],
    };
    render(<PublishButton workflowId={WF} number={2} onPublished={onPublished} change={change} />);

    fireEvent.click(screen.getByTestId('publish-version'));
    const dialog = screen.getByRole('alertdialog', { name: 'Publish Containment v2?' });
    expect(dialog.textContent).toContain('replaces published v1');
    expect(screen.getByTestId('publish-confirm-risk').textContent).toMatch(/Risk: high.*adds destructive step block/);
    expect(screen.getByTestId('publish-confirm-destructive').textContent).toContain('Block IP (block)');
    expect(document.activeElement).toBe(screen.getByTestId('publish-confirm-cancel'));
    fireEvent.click(screen.getByTestId('publish-confirm-cancel'));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(sent).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId('publish-version'));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, publish v2' }));

    await waitFor(() => expect(onPublished).toHaveBeenCalledTimes(1));
    expect(sent).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });
});
