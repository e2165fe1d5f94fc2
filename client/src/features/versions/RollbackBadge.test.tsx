// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { RollbackBadge } from './RollbackBadge';

afterEach(cleanup);

const verdict = {
  outcome: 'rolled_back' as const,
  at: '2026-12-06T10:00:00.000Z',
  toNumber: 1,
  burnRate: 18,
  runs: 10,
  failures: 9,
  windowMinutes: 60,
};

describe('RollbackBadge', () => {
  test('when the policy rolled a version back then the badge says to which version, the burn and the failures', () => {
    render(<RollbackBadge rollback={verdict} />);
    expect(screen.getByTestId('rollback-badge').textContent).toBe(
      'rolled back by policy to v1: burn 18× (9 of 10 runs failed)',
    );
  });

  test('when there was nothing to roll back to then the badge says so', () => {
    render(<RollbackBadge rollback={{ ...verdict, outcome: 'no_previous', toNumber: null, burnRate: 20 }} />);
    expect(screen.getByTestId('rollback-badge').textContent).toBe(
      'burning fast, nothing to roll back to: burn 20× (9 of 10 runs failed)',
    );
  });

  test('when the version has no verdict then nothing is drawn', () => {
    const { container } = render(<RollbackBadge rollback={undefined} />);
    expect(container.innerHTML).toBe('');
  });
});
