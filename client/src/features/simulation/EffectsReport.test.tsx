// @vitest-environment jsdom
import type { EffectReportEntry } from '@autonomic/api';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { EffectsReport, effectSentence } from './EffectsReport';

afterEach(cleanup);

const refused: EffectReportEntry = {
  runId: 'simulation',
  stepId: 'block_ip',
  stepKey: 'block_ip',
  nodeType: 'connector',
  effect: 'destructive',
  action: 'Action gateway (JSON webhook): Block IP 203.0.113.7',
  target: { kind: 'ip', value: '203.0.113.7' },
  params: { input: { ip: '203.0.113.7', duration: '24h' } },
  decision: 'refused',
  reason: 'protected asset',
  criticality: 'high',
};
const notify: EffectReportEntry = {
  runId: 'simulation',
  stepId: 'notify',
  stepKey: 'notify',
  nodeType: 'connector',
  effect: 'write',
  action: 'Action gateway (JSON webhook): Notify',
  params: { input: { to: '#soc' } },
  decision: 'would-run',
};

describe('EffectsReport', () => {
  test('when an action is refused then its row shows the decision, reason and criticality', () => {
    render(<EffectsReport effects={[refused, notify]} />);
    const row = screen.getByTestId('effect-block_ip');
    expect(within(row).getByText('Action gateway (JSON webhook): Block IP 203.0.113.7')).toBeTruthy();
    expect(within(row).getByText('refused')).toBeTruthy();
    expect(within(row).getByText('protected asset')).toBeTruthy();
    expect(within(row).getByText('criticality high')).toBeTruthy();
    expect(within(row).getByText('ip 203.0.113.7')).toBeTruthy();
  });

  test('when an action would run then its row says so without a reason', () => {
    render(<EffectsReport effects={[refused, notify]} />);
    const row = screen.getByTestId('effect-notify');
    expect(within(row).getByText('would run')).toBeTruthy();
    expect(within(row).queryByText(/criticality/)).toBeNull();
  });

  test('when nothing would be written then the report says so', () => {
    render(<EffectsReport effects={[]} />);
    expect(screen.getByTestId('effects-report').textContent).toMatch(/No write or destructive action/);
  });

  test('when a refused effect is put in words then it reads like the issue asks', () => {
    expect(effectSentence(refused)).toBe(
      'Action gateway (JSON webhook): Block IP 203.0.113.7 — refused: protected asset, criticality high',
    );
  });
});
