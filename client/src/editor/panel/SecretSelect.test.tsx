// @vitest-environment jsdom
import { nodeDefinition } from '@autonomic/workflow';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeServer } from '../../features/runs/fakeServer';
import { resetSecretNamesCache } from './SecretSelect';
import { StatefulParamsForm } from './testing';

const http = (auth: Record<string, unknown>) => ({
  ...(nodeDefinition('http')?.defaults ?? {}),
  url: 'https://x',
  auth,
});

beforeEach(() => resetSecretNamesCache());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the secret of an HTTP step', () => {
  it('when secrets are stored then the secret is picked from their names and the step stores the name', async () => {
    fakeServer((req) => {
      if (req.url === '/secrets/names') return { secrets: [{ name: 'intel.api-key' }, { name: 'edr.token' }] };
      throw new Error(`unexpected ${req.url}`);
    });
    const spy = vi.fn();
    render(<StatefulParamsForm nodeType="http" value={http({ type: 'bearer', secret: '' })} spy={spy} />);
    const picker = await screen.findByRole('combobox', { name: /Secret/ });
    await screen.findByRole('option', { name: 'intel.api-key' });
    expect(Array.from(picker.querySelectorAll('option')).map((o) => o.textContent)).toEqual([
      'Choose a secret…',
      'edr.token',
      'intel.api-key',
    ]);
    await userEvent.selectOptions(picker, 'edr.token');
    expect(spy.mock.lastCall?.[0]?.auth).toEqual({ type: 'bearer', secret: 'edr.token' });
  });

  it('when the step names a secret that is not stored then it stays shown and says so', async () => {
    fakeServer(() => ({ secrets: [{ name: 'edr.token' }] }));
    render(<StatefulParamsForm nodeType="http" value={http({ type: 'bearer', secret: 'old.key' })} />);
    expect(await screen.findByRole('option', { name: 'old.key (not stored)' })).toBeTruthy();
    expect(screen.getByText(/No secret named old.key is stored/)).toBeTruthy();
  });

  it('when the names cannot be listed then a text box keeps the step editable', async () => {
    fakeServer(() => {
      throw new Error('down');
    });
    render(<StatefulParamsForm nodeType="http" value={http({ type: 'bearer', secret: 'edr.token' })} />);
    expect(await screen.findByRole('textbox', { name: /Secret/ })).toBeTruthy();
  });
});
