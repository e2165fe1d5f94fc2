// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { ApiError } from '../../api/client';
import { ApiErrorMessage } from './ApiErrorMessage';

afterEach(cleanup);

describe('the generic refusal message', () => {
  test('when the server refuses fields then the sentence and each field in words show, never the code or a path', () => {
    const error = new ApiError(400, 'validation_failed', 'Reviewers: pick at least 1 (and 1 more problem)', [
      { path: 'body.reviewerIds', message: 'Reviewers: pick at least 1', code: 'too_small' },
      { path: 'body.value', message: 'not an IPv4 or IPv6 address' },
    ]);
    render(<ApiErrorMessage error={error} />);

    const alert = screen.getByRole('alert');
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Reviewers: pick at least 1', 'Value: not an IPv4 or IPv6 address']);
    expect(alert.textContent).toContain('Reviewers: pick at least 1 (and 1 more problem)');
    expect(alert.textContent).not.toMatch(/validation_failed|body\.|reviewerIds/);
  });

  test('when the refusal is about one field then its sentence is said once', () => {
    const error = new ApiError(400, 'validation_failed', 'Name is required', [
      { path: 'body.name', message: 'Name is required', code: 'too_small' },
    ]);
    render(<ApiErrorMessage error={error} />);

    expect(screen.getByRole('alert').textContent).toBe('Name is required');
  });

  test('when the error names a document path then the list says it step by step', () => {
    const error = new ApiError(422, 'connector_upgrade_invalid', 'the steps cannot be re-pinned', [
      { path: 'steps.lookup.params.input', message: "input 'realm' is required" },
    ]);
    render(<ApiErrorMessage error={error} />);

    expect(screen.getByRole('listitem').textContent).toBe("Step lookup › Params › Input: input 'realm' is required");
    expect(screen.getByRole('alert').textContent).not.toContain('connector_upgrade_invalid');
  });
});
