// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleGraph } from '../../editor/commands/testing';
import { EditorProvider } from '../../editor/store/context';
import { createEditorStore } from '../../editor/store/createEditorStore';
import { FailureHandlerField } from './FailureHandlerField';
import { MetadataDrawer } from './MetadataDrawer';

afterEach(cleanup);

function renderField(readOnly = false) {
  const store = createEditorStore({ ...sampleGraph(), readOnly });
  render(
    <EditorProvider store={store} validate={false}>
      <FailureHandlerField />
    </EditorProvider>,
  );
  return store;
}

describe('the failure handler setting', () => {
  it('when the analyst picks a step then the workflow continues there on an unhandled failure; "Fail the run" removes it', async () => {
    const store = renderField();
    const select = screen.getByRole('combobox', { name: /When a step fails and nothing handles it/ });
    expect(select).toHaveProperty('value', '');
    // Steps only: the trigger is no place to continue at.
    expect(screen.queryByRole('option', { name: /webhook_1/ })).toBeNull();

    await userEvent.selectOptions(select, 'block_ip_1');
    expect(store.getState().onFailure).toEqual({ continueAt: 'block_ip_1' });

    await userEvent.selectOptions(select, 'Fail the run');
    expect(store.getState().onFailure).toBeNull();
  });

  it('when the workflow is read-only then the setting cannot be changed', () => {
    renderField(true);
    expect(screen.getByRole('combobox', { name: /When a step fails/ })).toHaveProperty('disabled', true);
  });

  it('when the details drawer opens then the setting is in it', () => {
    const store = createEditorStore(sampleGraph());
    render(
      <EditorProvider store={store} validate={false}>
        <MetadataDrawer onClose={() => undefined} />
      </EditorProvider>,
    );
    expect(screen.getByTestId('meta-on-failure')).toBeTruthy();
  });
});
