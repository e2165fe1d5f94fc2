import type { CreateUserBody, UserAccount } from '@autonomic/api';
import { useCallback, useEffect, useState } from 'react';
import { useAuth } from '../../auth/store';
import { problemWords } from '../../api/problems';
import { PageMessages } from '../shared/PageMessages';
import '../assets/assets.css';
import { createUser, listUsers, updateUser } from './api';
import { NewUserForm } from './NewUserForm';
import { OneTimeSecret } from './OneTimeSecret';
import { UserRow } from './UserRow';
import './users.css';

/**
 * `/admin/users` (admins): every account with its role and state; create one with an
 * initial password (typed or generated, shown once), change a role, disable or enable,
 * reset a password (a generated one, shown once; the user's sessions end and tokens are
 * revoked). An admin's own row cannot be disabled or demoted: the page says so, the
 * server refuses it too.
 */
export function UsersPage() {
  const me = useAuth((s) => s.user);
  const [users, setUsers] = useState<UserAccount[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ label: string; value: string } | null>(null);

  const load = useCallback(() => {
    listUsers().then(
      (r) => setUsers(r.users),
      (e: unknown) => setError(problemWords(e)),
    );
  }, []);
  const isAdmin = me?.role === 'admin';
  useEffect(() => {
    if (isAdmin) load();
  }, [isAdmin, load]);

  if (me?.role !== 'admin')
    return (
      <section aria-labelledby="users-title">
        <h1 id="users-title">Users and roles</h1>
        <p role="note">Only admins manage users and roles.</p>
      </section>
    );

  const act = async (work: () => Promise<string>) => {
    setError(null);
    setStatus(null);
    try {
      setStatus(await work());
      load();
    } catch (e) {
      setError(problemWords(e));
    }
  };
  const create = async (body: CreateUserBody) => {
    const user = await createUser(body);
    setCreating(false);
    setSecret({ label: `Initial password for ${user.username}`, value: body.password });
    setStatus(`Created ${user.username} (${user.role}).`);
    load();
  };

  return (
    <section aria-labelledby="users-title" className="users-page">
      <h1 id="users-title">Users and roles</h1>
      <p className="muted">
        Analysts build playbooks, reviewers approve changes, managers watch the dashboard, admins keep the console.
      </p>
      <div className="assets-toolbar">
        <button type="button" onClick={() => setCreating(true)}>
          New user
        </button>
      </div>
      <PageMessages status={status} error={error} />
      {secret && <OneTimeSecret label={secret.label} secret={secret.value} onDone={() => setSecret(null)} />}
      {creating && <NewUserForm onCreate={create} onCancel={() => setCreating(false)} />}
      {users === null ? (
        !error && <p aria-busy="true">Loading users…</p>
      ) : (
        <table className="assets-table">
          <caption className="visually-hidden">Users</caption>
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Display name</th>
              <th scope="col">Role</th>
              <th scope="col">State</th>
              <th scope="col">Created</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <UserRow
                key={`${u.id}:${u.role}`}
                user={u}
                self={u.id === me.id}
                onChange={(patch) =>
                  act(async () => {
                    const saved = await updateUser(u.id, patch);
                    if (patch.role) return `${saved.username} is now ${saved.role}.`;
                    return `${saved.username} is ${saved.disabled ? 'disabled' : 'enabled'}.`;
                  })
                }
                onResetPassword={(password) =>
                  act(async () => {
                    await updateUser(u.id, { password });
                    setSecret({ label: `New password for ${u.username}`, value: password });
                    return `Reset the password of ${u.username}.`;
                  })
                }
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
