// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { FailureHandlerChange } from './FailureHandlerChange';

afterEach(cleanup);

describe('FailureHandlerChange', () => {
  test('when a version adds a failure handler then the diff says where the run now continues and what it did before', () => {
    render(<FailureHandlerChange change={{ before: null, after: 'notify_soc' }} />);

    expect(screen.getByTestId('diff-on-failure').textContent).toBe(
      'When a step fails and nothing handles it: continue at notify_soc (was: fail the run).',
    );
  });

  test('when the handler did not change then nothing is shown', () => {
    render(<FailureHandlerChange change={undefined} />);

    expect(screen.queryByTestId('diff-on-failure')).toBeNull();
  });
});
