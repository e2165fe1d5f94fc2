import { describe, expect, it } from 'vitest';
import { describeAction } from '../../src/engine';

describe('describeAction', () => {
  it('when the channel starts with a vowel then the article is "an"', () => {
    expect(describeAction('notify', { channel: 'email', to: 'soc@corp.example' })).toBe(
      'send an email message to soc@corp.example',
    );
  });

  it('when the channel starts with a consonant then the article is "a"', () => {
    expect(describeAction('notify', { channel: 'slack', to: '#soc' })).toBe('send a slack message to #soc');
  });

  it('when a block has a duration then the text says for how long', () => {
    expect(describeAction('block-ip', { ip: '203.0.113.7', duration: '24h' })).toBe('block IP 203.0.113.7 for 24h');
  });
});
