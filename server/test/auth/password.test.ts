import { describe, expect, it } from 'vitest';
import { createPasswordHasher, parseHash, TEST_SCRYPT } from '../../src/services/auth/password';

const hasher = createPasswordHasher(TEST_SCRYPT);

describe('password hashing', () => {
  it('when a password is hashed then the stored form is scrypt$N$r$p$salt$hash and verifies', async () => {
    const stored = await hasher.hash('correct horse battery');

    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{86}$/);
    expect(parseHash(stored)).toMatchObject({ params: TEST_SCRYPT });
    expect(await hasher.verify('correct horse battery', stored)).toBe(true);
    expect(await hasher.verify('correct horse batterY', stored)).toBe(false);
  });

  it('when the same password is hashed twice then the salts differ', async () => {
    expect(await hasher.hash('same password!')).not.toBe(await hasher.hash('same password!'));
  });

  it('when the cost is raised then old hashes still verify and are flagged for re-hashing', async () => {
    const old = await hasher.hash('correct horse battery');
    const stronger = createPasswordHasher({ N: 2048, r: 8, p: 1 });

    expect(await stronger.verify('correct horse battery', old)).toBe(true);
    expect(stronger.needsRehash(old)).toBe(true);
    expect(stronger.needsRehash(await stronger.hash('x'))).toBe(false);
  });

  it.each(['unusable', '', 'scrypt$1000$8$1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA', 'scrypt$4194304$8$1$a$b', 'bcrypt$x'])(
    'when the stored hash is %j then verification is false, not an error',
    async (stored) => {
      expect(await hasher.verify('anything', stored)).toBe(false);
    },
  );

  it('when an unknown user is checked then the dummy verification is false', async () => {
    expect(await hasher.dummyVerify('dummy password, never matches')).toBe(false);
  });
});
