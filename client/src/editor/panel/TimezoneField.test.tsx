// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StatefulParamsForm } from './testing';

afterEach(cleanup);

describe('the schedule trigger’s time zone', () => {
  it('when a time zone is picked then the trigger stores its IANA name, UTC offered first', async () => {
    const spy = vi.fn();
    render(<StatefulParamsForm nodeType="trigger.schedule" value={{ cron: '0 * * * *', timezone: 'UTC' }} spy={spy} />);
    const picker = screen.getByRole('combobox', { name: /Timezone/i });
    expect(picker.querySelector('option')?.textContent).toBe('UTC');
    await userEvent.selectOptions(picker, 'Europe/Paris');
    expect(spy).toHaveBeenLastCalledWith({ cron: '0 * * * *', timezone: 'Europe/Paris' });
  });

  it('when the trigger names a zone nobody knows then it stays shown, marked unknown', () => {
    render(<StatefulParamsForm nodeType="trigger.schedule" value={{ cron: '0 * * * *', timezone: 'Mars/Olympus' }} />);
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: /Timezone/i }).value).toBe('Mars/Olympus');
    expect(screen.getByRole('option', { name: 'Mars/Olympus (unknown)' })).toBeTruthy();
  });
});
