// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_CATALOG } from '../connectors/catalog';
import { testCatalog } from '../connectors/testing';
import { EditorProvider } from '../store/context';
import { createEditorStore } from '../store/createEditorStore';
import { Palette } from './Palette';

afterEach(cleanup);

function renderPalette() {
  const store = createEditorStore();
  store.getState().setConnectors(testCatalog());
  render(
    <EditorProvider store={store} validate={false}>
      <Palette />
    </EditorProvider>,
  );
  return store;
}

describe('connectors in the palette', () => {
  it('when the catalog is loaded then actions are listed by connector with their effect badge', () => {
    renderPalette();
    const section = screen.getByTestId('palette-connectors');
    const slack = within(section).getByRole('group', { name: 'Slack Slack Web API' });
    expect(within(slack).getByRole('button').textContent).toBe('Post a messagewrite');
    expect(within(section).getByTestId('palette-connector-abuseipdb-check_ip').textContent).toContain('read');
  });

  it('when searching by vendor then only that connector stays', async () => {
    renderPalette();
    await userEvent.type(screen.getByLabelText('Search nodes'), 'abuseipdb');
    const section = screen.getByTestId('palette-connectors');
    expect(
      within(section)
        .getAllByRole('button')
        .map((b) => b.dataset['testid']),
    ).toEqual(['palette-connector-abuseipdb-check_ip']);
  });

  it('when an action is activated then a connector step pinned to the installed version is added, with effect, target and input defaults copied; undo removes it', async () => {
    const store = renderPalette();
    await userEvent.click(screen.getByTestId('palette-connector-abuseipdb-check_ip'));
    const added = store.getState().nodes.at(-1);
    // Named after the action, not "Connector": `steps.check_ip_1.output…` reads as what it did.
    expect(added?.id).toBe('check_ip_1');
    expect(added?.data).toEqual({
      nodeType: 'connector',
      label: 'AbuseIPDB: Check IP reputation',
      params: {
        connector: 'abuseipdb',
        version: '1.2.0',
        action: 'check_ip',
        credential: '',
        input: { maxAgeInDays: 30 },
        effect: 'read',
        target: { param: 'ipAddress', kind: 'ip' },
      },
    });
    await userEvent.click(screen.getByTestId('palette-connector-slack-post_message'));
    expect(store.getState().nodes.at(-1)?.data.params).toMatchObject({ effect: 'write', version: '2.0.0' });
    expect(store.getState().nodes.at(-1)?.data.params).not.toHaveProperty('target');
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().nodes).toEqual([]);
  });

  it('when the connectors could not be loaded then the failure is shown and nothing can be added', () => {
    const store = createEditorStore();
    store
      .getState()
      .setConnectors({ ...EMPTY_CATALOG, status: 'error', errors: ['Could not load the connectors: 500'] });
    render(
      <EditorProvider store={store} validate={false}>
        <Palette />
      </EditorProvider>,
    );
    expect(within(screen.getByTestId('palette-connectors')).getByRole('alert').textContent).toContain(
      'Could not load the connectors',
    );
  });
});
