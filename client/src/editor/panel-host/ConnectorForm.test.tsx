// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { step } from '../commands/testing';
import { connectorStepParams } from '../connectors/catalog';
import { abuseipdb, testCatalog } from '../connectors/testing';
import { EditorProvider } from '../store/context';
import { createEditorStore } from '../store/createEditorStore';
import { NodePanel } from './NodePanel';

afterEach(cleanup);

function renderStep(params = connectorStepParams(abuseipdb, 'check_ip')) {
  const node = { ...step('check_1', 'connector', params), selected: true };
  const store = createEditorStore({ nodes: [node] });
  store.getState().setConnectors(testCatalog());
  render(
    <EditorProvider store={store} validate={false}>
      <NodePanel />
    </EditorProvider>,
  );
  return store;
}

const paramsOf = (store: ReturnType<typeof renderStep>) => store.getState().nodes[0]?.data.params;

describe('the connector step form', () => {
  it('when a connector step is selected then its pin and action are shown read-only', () => {
    renderStep();
    const form = screen.getByTestId('connector-form');
    expect(screen.getByTestId('connector-pin').textContent).toBe('abuseipdb@1.2.0');
    expect(within(form).getByText('Check IP reputation')).toBeTruthy();
    expect(form.querySelector('.effect-tag-read')?.textContent).toBe('read');
  });

  it("when the credential list opens then it offers only that connector's credentials, with their mode; choosing one is undoable", async () => {
    const store = renderStep();
    const select = screen.getByLabelText<HTMLSelectElement>('Credential');
    expect([...select.options].map((o) => o.textContent)).toEqual([
      '— choose a credential —',
      'abuse_prod — live (real runs), not tested yet',
      'abuse_sandbox — test (simulations), not tested yet',
    ]);
    await userEvent.selectOptions(select, 'abuse_sandbox');
    expect(paramsOf(store)).toMatchObject({ credential: 'abuse_sandbox', connector: 'abuseipdb' });
    act(() => store.getState().undo());
    expect(paramsOf(store)).toMatchObject({ credential: '' });
  });

  it('when the connector has no credential then the form says an admin must create one', () => {
    const store = renderStep();
    act(() => store.getState().setConnectors({ ...testCatalog(), credentials: [] }));
    expect(
      screen.getByText(/No credential exists for abuseipdb yet: ask an admin to create one on Credentials/),
    ).toBeTruthy();
  });

  it("when the action's params schema has titles, enums and defaults then the inputs are drawn from it; strings take templates", async () => {
    const store = renderStep();
    const inputs = screen.getByRole('group', { name: 'Check IP reputation inputs' });
    expect(within(inputs).getByLabelText<HTMLInputElement>(/Max age in days/).value).toBe('30');
    const verbosity = within(inputs).getByLabelText<HTMLSelectElement>(/Verbosity/);
    expect([...verbosity.options].map((o) => o.textContent)).toEqual(expect.arrayContaining(['short', 'full']));
    expect(within(inputs).getByText(/The address to check\./).textContent).toMatch(/put JSONata in \{\{ \}\}/);
    const ip = within(inputs).getByLabelText(/IP address/);
    await userEvent.click(ip);
    await userEvent.paste('{{ event.ip }}');
    expect(paramsOf(store)).toMatchObject({ input: { ipAddress: '{{ event.ip }}', maxAgeInDays: 30 } });
  });

  it('when validation names a missing credential then the problem shows under the pick-list', () => {
    const store = renderStep({ ...connectorStepParams(abuseipdb, 'check_ip'), credential: 'gone' });
    act(() => {
      store.getState().validateNow();
    });
    const select = screen.getByLabelText<HTMLSelectElement>('Credential');
    expect(select.value).toBe('gone');
    expect(
      screen.getByText('there is no credential “gone”: pick another, or ask an admin to create it on Credentials'),
    ).toBeTruthy();
  });
});
