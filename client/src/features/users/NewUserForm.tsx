import { Role, type CreateUserBody } from '@autonomic/api';
import { useState, type FormEvent } from 'react';
import { fieldErrorsOf, NO_ERRORS, problemWords, unplaced, type FieldErrors } from '../../api/problems';
import { FieldError, invalidProps } from '../policies/FieldError';
import { FormEnd } from '../shared/FormEnd';
import { generatePassword } from './password';

interface Props {
  onCreate(body: CreateUserBody): Promise<void>;
  onCancel(): void;
}

const PLACED = new Set(['body.username', 'body.displayName', 'body.role', 'body.password']);

/** A new account: username, display name, role and an initial password the admin types or generates. */
export function NewUserForm({ onCreate, onCancel }: Props) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<CreateUserBody['role']>('analyst');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    setFailure(null);
    try {
      await onCreate({ username: username.trim(), displayName, role, password });
    } catch (err) {
      const found = fieldErrorsOf(err, { username_taken: 'body.username' });
      setErrors(found);
      if (found.size === 0) setFailure(problemWords(err));
    } finally {
      setBusy(false);
    }
  }
  const others = unplaced(errors, PLACED);

  return (
    <form className="user-form" aria-label="New user" onSubmit={submit} noValidate>
      <label>
        Username
        <input
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          {...invalidProps(errors, 'body.username')}
        />
      </label>
      <FieldError errors={errors} path="body.username" />
      <label>
        Display name
        <input
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          {...invalidProps(errors, 'body.displayName')}
        />
      </label>
      <FieldError errors={errors} path="body.displayName" />
      <label>
        Role
        <select value={role} onChange={(e) => setRole(Role.parse(e.target.value))}>
          {Role.options.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <label>
        Initial password
        <input
          type="text"
          autoComplete="off"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          {...invalidProps(errors, 'body.password')}
        />
      </label>
      <FieldError errors={errors} path="body.password" />
      <button type="button" onClick={() => setPassword(generatePassword())}>
        Generate a password
      </button>
      <FormEnd
        problems={failure ? [failure] : others.map(([, m]) => m)}
        submitLabel="Create user"
        busy={busy}
        onCancel={onCancel}
      />
    </form>
  );
}
