// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AutomationPanel } from './AutomationPanel';

afterEach(cleanup);

describe('AutomationPanel', () => {
  it('when the table is drawn then the panel spans the full grid width (six columns were cut off at 1280 px beside another panel)', () => {
    render(<AutomationPanel rows={[]} />);

    const panel = screen.getByRole('region', { name: 'Automation level' });
    expect(panel.classList).toContain('dash-panel');
    expect(panel.classList).toContain('wide');
    expect(panel.querySelector('.dash-table-wrap table')).not.toBeNull();
  });
});
