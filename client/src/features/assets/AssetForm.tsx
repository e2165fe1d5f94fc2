import { CriticalityName, SafetyKind, type Asset, type CreateAsset } from '@autonomic/api';
import { useState, type FormEvent } from 'react';
import { fieldErrorsOf, NO_ERRORS, problemWords, unplaced, type FieldErrors } from '../../api/problems';
import { FieldError, invalidProps } from '../policies/FieldError';

interface Props {
  /** The asset being edited; absent: a new one. */
  asset?: Asset;
  onSave(body: CreateAsset): Promise<void>;
  onCancel(): void;
}

const PLACED = new Set([
  'body.kind',
  'body.value',
  'body.criticality',
  'body.owner',
  'body.businessService',
  'body.tags',
]);

/** Add or edit one asset; the server's field errors show in words at their fields. */
export function AssetForm({ asset, onSave, onCancel }: Props) {
  const [kind, setKind] = useState<CreateAsset['kind']>(asset?.kind ?? 'ip');
  const [value, setValue] = useState(asset?.value ?? '');
  const [criticality, setCriticality] = useState<CreateAsset['criticality']>(asset?.criticality ?? 'medium');
  const [owner, setOwner] = useState(asset?.owner ?? '');
  const [service, setService] = useState(asset?.businessService ?? '');
  const [tags, setTags] = useState(asset?.tags.join('; ') ?? '');
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setErrors(NO_ERRORS);
    try {
      await onSave({
        kind,
        value,
        criticality,
        owner: owner.trim() || null,
        businessService: service.trim() || null,
        tags: tags
          .split(';')
          .map((t) => t.trim())
          .filter((t) => t !== ''),
      });
    } catch (err) {
      const found = fieldErrorsOf(err);
      setErrors(found);
      const others = unplaced(found, PLACED).map(([, m]) => m);
      setError(found.size === 0 ? problemWords(err) : others.length > 0 ? others.join('; ') : null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="asset-form" aria-label={asset ? `Edit ${asset.value}` : 'New asset'} onSubmit={submit}>
      <label>
        Kind
        <select value={kind} onChange={(e) => setKind(e.target.value as CreateAsset['kind'])}>
          {SafetyKind.options.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </label>
      <label>
        Value
        <input
          value={value}
          required
          onChange={(e) => setValue(e.target.value)}
          {...invalidProps(errors, 'body.value')}
        />
      </label>
      <FieldError errors={errors} path="body.value" />
      <label>
        Criticality
        <select value={criticality} onChange={(e) => setCriticality(e.target.value as CreateAsset['criticality'])}>
          {CriticalityName.options.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <label>
        Owner
        <input value={owner} onChange={(e) => setOwner(e.target.value)} {...invalidProps(errors, 'body.owner')} />
      </label>
      <FieldError errors={errors} path="body.owner" />
      <label>
        Business service
        <input
          value={service}
          onChange={(e) => setService(e.target.value)}
          {...invalidProps(errors, 'body.businessService')}
        />
      </label>
      <FieldError errors={errors} path="body.businessService" />
      <label>
        Tags (separated by ;)
        <input value={tags} onChange={(e) => setTags(e.target.value)} {...invalidProps(errors, 'body.tags')} />
      </label>
      <FieldError errors={errors} path="body.tags" />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {asset ? 'Save' : 'Add asset'}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
