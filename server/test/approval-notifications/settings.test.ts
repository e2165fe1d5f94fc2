/** The approval notification settings as the configuration gives them. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { notifySettingsOf } from '../../src/services/approval-notifications';

const base = { SEED_DEMO: 'false', PORT: '8080', HOST: '127.0.0.1' };

describe('approval notification settings', () => {
  it('when routes name users and roles then each goes to its destination and the rest to the default channel', () => {
    const s = notifySettingsOf(
      loadConfig({
        ...base,
        APPROVAL_NOTIFY_CREDENTIAL: 'slack-bot',
        APPROVAL_NOTIFY_CHANNEL: '#soc-alerts',
        APPROVAL_NOTIFY_ROUTES: 'alice=#soc-handoff, role:reviewer=reviewers@acme.example',
        PUBLIC_URL: 'https://soar.acme.example/',
      }),
    );
    expect(s.destinationOf('user:alice')).toBe('#soc-handoff');
    expect(s.destinationOf('role:reviewer')).toBe('reviewers@acme.example');
    expect(s.destinationOf('user:bob')).toBe('#soc-alerts');
    expect(s.publicUrl).toBe('https://soar.acme.example');
    expect(s).toMatchObject({ credential: 'slack-bot', reminderPercent: 75, signedOnly: false });
    expect(s.paging).toBeUndefined();
  });

  it('when nothing is configured then nobody is notified and links point at HOST:PORT', () => {
    const s = notifySettingsOf(loadConfig(base));
    expect(s.credential).toBeUndefined();
    expect(s.destinationOf('user:alice')).toBeUndefined();
    expect(s.publicUrl).toBe('http://127.0.0.1:8080');
  });

  it.each([
    ['APPROVAL_NOTIFY_ROUTES', 'alice'],
    ['APPROVAL_REMINDER_PERCENT', '100'],
    ['APPROVAL_LINKS_SIGNED_ONLY', 'maybe'],
    ['PUBLIC_URL', 'ftp://soar.acme.example'],
  ])('when %s is %s then the configuration is refused, naming it', (name, value) => {
    expect(() => loadConfig({ ...base, [name]: value })).toThrow(name);
  });
});
