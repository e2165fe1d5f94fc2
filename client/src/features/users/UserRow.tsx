import { Role, type UserAccount } from '@autonomic/api';
import { useState } from 'react';
import { generatePassword } from './password';

interface Props {
  user: UserAccount;
  /** The signed-in admin's own row: no disabling or role change (the server refuses both). */
  self: boolean;
  onChange(patch: { role?: UserAccount['role']; disabled?: boolean }): Promise<void>;
  onResetPassword(password: string): Promise<void>;
}

/** One account: its role (changed in place), enabled or disabled, and a password reset. */
export function UserRow({ user, self, onChange, onResetPassword }: Props) {
  const [role, setRole] = useState(user.role);
  const [confirm, setConfirm] = useState<'disable' | 'reset' | null>(null);
  const selfNote = self ? 'You cannot change your own role or disable yourself; another admin can.' : undefined;

  return (
    <tr data-testid={`user-${user.username}`} className={user.disabled ? 'disabled' : undefined}>
      <td>
        <code>{user.username}</code>
      </td>
      <td>{user.displayName}</td>
      <td>
        <label className="visually-hidden" htmlFor={`role-${user.id}`}>
          Role of {user.username}
        </label>
        <select
          id={`role-${user.id}`}
          value={role}
          disabled={self}
          title={selfNote}
          onChange={(e) => setRole(Role.parse(e.target.value))}
        >
          {Role.options.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
        {role !== user.role && (
          <>
            <button type="button" onClick={() => void onChange({ role })}>
              Save role
            </button>
            <button type="button" onClick={() => setRole(user.role)}>
              Undo
            </button>
          </>
        )}
      </td>
      <td>{user.disabled ? 'disabled' : 'active'}</td>
      <td>
        <time dateTime={user.createdAt}>{user.createdAt.slice(0, 10)}</time>
      </td>
      <td className="row-actions">
        {confirm === 'disable' ? (
          <span role="group" aria-label={`Disable ${user.username}?`}>
            Disable {user.username}? Their sessions and tokens stop working.{' '}
            <button type="button" onClick={() => void onChange({ disabled: true }).then(() => setConfirm(null))}>
              Yes, disable
            </button>
            <button type="button" onClick={() => setConfirm(null)}>
              Keep
            </button>
          </span>
        ) : confirm === 'reset' ? (
          <span role="group" aria-label={`Reset the password of ${user.username}?`}>
            Reset the password of {user.username}? Their sessions end and their API tokens are revoked.{' '}
            <button type="button" onClick={() => void onResetPassword(generatePassword()).then(() => setConfirm(null))}>
              Yes, reset
            </button>
            <button type="button" onClick={() => setConfirm(null)}>
              Keep
            </button>
          </span>
        ) : (
          <>
            {self ? (
              <span className="muted" data-testid="self-note">
                {selfNote}
              </span>
            ) : user.disabled ? (
              <button type="button" onClick={() => void onChange({ disabled: false })}>
                Enable {user.username}
              </button>
            ) : (
              <button type="button" onClick={() => setConfirm('disable')}>
                Disable {user.username}
              </button>
            )}{' '}
            {/* One's own password is changed on the account page, with the current one. */}
            {!self && (
              <button type="button" onClick={() => setConfirm('reset')}>
                Reset password of {user.username}
              </button>
            )}
          </>
        )}
      </td>
    </tr>
  );
}
