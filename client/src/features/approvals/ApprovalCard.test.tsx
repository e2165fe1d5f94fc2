// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import type { ApprovalContext, ApprovalTask } from '@autonomic/api';
import { afterEach, describe, expect, test } from 'vitest';
import { ApprovalCard } from './ApprovalCard';
import { formatLeft } from './ApprovalContext';

const runId = '0190a1b2-0000-7000-8000-0000000000b1';
const level0 = { level: 0, users: ['lead'], roles: [], breakGlass: false, label: null, at: null, reached: true };
const context: ApprovalContext = {
  workflow: { id: '0190a1b2-0000-7000-8000-0000000000c1', name: 'Contain phishing host', slug: 'contain', version: 4 },
  actions: [
    {
      stepId: 'block',
      label: 'Block the host',
      action: 'gateway: block_ip',
      effect: 'destructive',
      target: { kind: 'ip', value: '203.0.113.7', template: '{{ event.ip }}' },
      criticality: 'critical',
      owner: 'payments-team',
      source: 'protected',
    },
    {
      stepId: 'tell',
      label: 'Tell the SOC',
      action: 'POST https://hooks.example/soc',
      effect: 'write',
      target: null,
      criticality: null,
      owner: null,
      source: null,
    },
  ],
  blastRadius: { killSwitch: false, perRun: { used: 1, limit: 3 }, perHour: { used: 7, limit: null } },
  event: [
    { path: 'ip', value: '203.0.113.7' },
    { path: 'alert.score', value: 91 },
  ],
  timeLeftMs: 3_900_000,
  nextInMs: 600_000,
  escalation: [level0],
};
const task: ApprovalTask = {
  id: '0190a1b2-0000-7000-8000-0000000000a1',
  taskId: `${runId}:ask`,
  runId,
  stepKey: 'ask',
  stepId: 'ask',
  message: 'Block it?',
  status: 'pending',
  quorum: 1,
  escalationLevel: 0,
  levels: [level0],
  onTimeout: 'timeout',
  deadline: '2026-11-27T11:00:00Z',
  nextDeadlineAt: null,
  decisions: [],
  createdAt: '2026-11-27T10:00:00Z',
  decidedAt: null,
  you: { canDecide: true, level: 0, breakGlass: false },
  context,
};

const renderCard = (t: ApprovalTask) =>
  render(
    <MemoryRouter>
      <ApprovalCard task={t} onDecided={() => undefined} />
    </MemoryRouter>,
  );

afterEach(cleanup);

describe('ApprovalCard context', () => {
  test('when the task has a context then the card shows the workflow and version, each unlocked action with target, criticality and owner, the blast radius, the event and the time left', () => {
    renderCard(task);
    expect(screen.getByRole('link', { name: /Contain phishing host/ }).getAttribute('href')).toBe(
      `/approvals/${encodeURIComponent(task.taskId)}`,
    );
    expect(screen.getByText('v4')).toBeTruthy();
    const block = screen.getByTestId('unlocks-block');
    expect(block.textContent).toContain('destructive');
    expect(block.textContent).toContain('Block the host');
    expect(within(block).getByText('203.0.113.7').tagName).toBe('CODE');
    expect(block.textContent).toContain('critical');
    expect(block.textContent).toContain('owner payments-team');
    expect(block.textContent).toContain('protected');
    expect(screen.getByTestId('unlocks-tell').textContent).toContain('POST https://hooks.example/soc');
    expect(screen.getByTestId('blast-radius').textContent).toBe(
      'Blast radius used: 1 / 3 this run · 7 (no limit) this hour',
    );
    const event = screen.getByLabelText('Triggering event');
    expect(event.textContent).toBe('ip203.0.113.7alert.score91');
    expect(screen.getByTestId('time-left').textContent).toBe('1 h 5 min left');
    expect(screen.getByText(/escalates in 10 min/)).toBeTruthy();
  });

  test('when nothing follows the approval then the card says so; without a context it shows no context section', () => {
    renderCard({ ...task, context: { ...context, actions: [] } });
    expect(screen.getByText('No write or destructive action follows this approval.')).toBeTruthy();
    cleanup();
    const { context: _omitted, ...bare } = task;
    renderCard(bare);
    expect(screen.queryByRole('region', { name: 'Context' })).toBeNull();
    expect(screen.queryByTestId('blast-radius')).toBeNull();
  });

  test.each([
    [0, 'none'],
    [30_000, 'under a minute'],
    [240_000, '4 min'],
    [3_600_000, '1 h'],
    [3_900_000, '1 h 5 min'],
  ])('when %i ms are left then it reads %s', (ms, text) => {
    expect(formatLeft(ms)).toBe(text);
  });
});
