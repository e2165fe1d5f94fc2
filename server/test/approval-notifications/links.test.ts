/** Signed approval link tokens: bound to the link's task, user, decision and expiry, under the server's key. */
import { describe, expect, it } from 'vitest';
import type { LinkRow } from '../../src/store/approval-notifications';
import {
  hashToken,
  linkKeyOf,
  newLink,
  tokenOf,
  TOKEN_PATTERN,
  verifies,
} from '../../src/services/approval-notifications/links';

const key = linkKeyOf(Buffer.alloc(32, 1));
const fields = {
  taskId: '0190a1b2-0000-7000-8000-0000000000b1:ask',
  userId: '0190a1b2-0000-7000-8000-0000000000c1',
  username: 'carol',
  decision: 'approved' as const,
  expiresAt: new Date('2026-12-06T10:00:00Z'),
};

describe('approval link tokens', () => {
  it('when a link is made then its token has the link shape, verifies, and only its hash is on the row', () => {
    const row: LinkRow = { ...newLink(key, fields), usedAt: null };
    const token = tokenOf(key, row);
    expect(token).toMatch(TOKEN_PATTERN);
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token.split('.')[1]);
    expect(verifies(key, token, row)).toBe(true);
  });

  it.each([
    ['another decision', { decision: 'rejected' as const }],
    ['another user', { userId: '0190a1b2-0000-7000-8000-0000000000c2' }],
    ['another task', { taskId: '0190a1b2-0000-7000-8000-0000000000b2:ask' }],
    ['a later expiry', { expiresAt: new Date('2026-12-07T10:00:00Z') }],
  ])('when the row says %s than the token was signed for then it does not verify', (_, change) => {
    const row: LinkRow = { ...newLink(key, fields), usedAt: null };
    const token = tokenOf(key, row);
    expect(verifies(key, token, { ...row, ...change })).toBe(false);
  });

  it('when a token is signed with another key then it does not verify', () => {
    const row: LinkRow = { ...newLink(key, fields), usedAt: null };
    expect(verifies(linkKeyOf(Buffer.alloc(32, 2)), tokenOf(key, row), row)).toBe(false);
    expect(linkKeyOf(Buffer.alloc(32, 1)).equals(Buffer.alloc(32, 1))).toBe(false);
  });
});
