// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test } from 'vitest';
import { connectorStepParams } from '../../editor/connectors/catalog';
import { abuseipdb, testCatalog } from '../../editor/connectors/testing';
import { sampleGraph, step } from '../../editor/commands/testing';
import { createEditorStore, EditorProvider, type Graph } from '../../editor';
import { CaseForm } from './CaseForm';

afterEach(cleanup);

/** sampleGraph with a trigger schema (src_ip, score), an AbuseIPDB lookup and a sub-workflow step. */
function graph(): Graph {
  const g = sampleGraph();
  const [trigger, ...rest] = g.nodes;
  if (!trigger) throw new Error('sampleGraph has a trigger');
  const withSchema = {
    ...trigger,
    data: {
      ...trigger.data,
      inputSchema: {
        type: 'object',
        required: ['src_ip'],
        properties: {
          src_ip: { type: 'string', title: 'Source IP', format: 'ipv4' },
          score: { type: 'number', title: 'Score' },
        },
      },
    },
  };
  const lookup = step('lookup', 'connector', connectorStepParams(abuseipdb, 'check_ip'));
  const sub = step('sub', 'subworkflow', { workflow: 'other' });
  return { ...g, nodes: [withSchema, ...rest, lookup, sub], tests: [{ name: 'lookup', event: {} }] };
}

function renderForm() {
  const store = createEditorStore(graph());
  act(() => store.getState().setConnectors(testCatalog()));
  render(
    <EditorProvider store={store} validate={false}>
      <CaseForm index={0} onClose={() => undefined} />
    </EditorProvider>,
  );
  return store;
}

const addFixture = (stepId: string) => {
  fireEvent.change(screen.getByTestId('add-fixture-step'), { target: { value: stepId } });
  fireEvent.click(screen.getByTestId('add-fixture'));
};

describe('CaseForm as forms', () => {
  test('when the event is filled in on the trigger schema’s form then the case holds it typed, and a missing required field says so', async () => {
    const store = renderForm();
    const event = screen.getByTestId('case-event');
    expect(within(event).getByText('Source IP is required')).toBeTruthy();
    const user = userEvent.setup();
    await user.type(within(event).getByLabelText(/Source IP/), '203.0.113.7');
    await user.type(within(event).getByLabelText('Score'), '92');
    expect(store.getState().tests[0]?.event).toEqual({ src_ip: '203.0.113.7', score: 92 });
    expect(within(event).queryByText('Source IP is required')).toBeNull();
  });

  test('when a connector step gets a fixture then its output is a form from the action’s response schema', async () => {
    const store = renderForm();
    addFixture('lookup');
    const output = screen.getByTestId('fixture-lookup-output');
    expect(within(output).getByRole('group', { name: 'data' })).toBeTruthy();
    const user = userEvent.setup();
    await user.type(within(output).getByLabelText('abuseConfidenceScore'), '97');
    await user.type(within(output).getByLabelText('isp'), 'Example ISP');
    expect(within(output).getByText(/0-100/)).toBeTruthy();
    expect(store.getState().tests[0]?.fixtures).toEqual({
      lookup: { output: { data: { abuseConfidenceScore: 97, isp: 'Example ISP' } } },
    });
  });

  test('when the example answer is asked for then the output form starts from the action’s example', () => {
    const store = renderForm();
    addFixture('lookup');
    fireEvent.click(screen.getByTestId('fixture-lookup-output-example'));
    expect(store.getState().tests[0]?.fixtures).toEqual({
      lookup: { output: { data: { abuseConfidenceScore: 97, isp: 'Example ISP' } } },
    });
    expect((screen.getByLabelText('abuseConfidenceScore') as HTMLInputElement).value).toBe('97');
  });

  test('when an HTTP step answers in sequence then each answer is its own form, the status a number', async () => {
    const store = renderForm();
    addFixture('http_1');
    fireEvent.change(screen.getByTestId('fixture-mode-http_1'), { target: { value: 'sequence' } });
    fireEvent.click(screen.getByTestId('fixture-http_1-seq-add'));
    const user = userEvent.setup();
    const second = screen.getByTestId('fixture-http_1-seq-1-output');
    await user.type(within(second).getByLabelText('HTTP status'), '429');
    fireEvent.change(within(second).getByLabelText('Body'), { target: { value: '{"error":"slow down"}' } });
    expect(store.getState().tests[0]?.fixtures).toEqual({
      http_1: { sequence: [{ output: {} }, { output: { status: 429, body: { error: 'slow down' } } }] },
    });
  });

  test('when a step declares no output schema then its output stays JSON and the form says why', () => {
    const store = renderForm();
    addFixture('sub');
    expect(screen.getByTestId('fixture-sub-output-why-json').textContent).toMatch(/declares no fields/);
    fireEvent.change(screen.getByTestId('fixture-sub-output'), { target: { value: '{ "verdict": "bad" }' } });
    expect(store.getState().tests[0]?.fixtures).toEqual({ sub: { output: { verdict: 'bad' } } });
  });
});
