import { CriticalityName, SafetyKind, type Asset, type CreateAsset } from '@autonomic/api';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';

interface Props {
  /** The asset being edited; absent: a new one. */
  asset?: Asset;
  onSave(body: CreateAsset): Promise<void>;
  onCancel(): void;
}

/** Add or edit one asset; the server's field errors show beside the form. */
export function AssetForm({ asset, onSave, onCancel }: Props) {
  const [kind, setKind] = useState<CreateAsset['kind']>(asset?.kind ?? 'ip');
  const [value, setValue] = useState(asset?.value ?? '');
  const [criticality, setCriticality] = useState<CreateAsset['criticality']>(asset?.criticality ?? 'medium');
  const [owner, setOwner] = useState(asset?.owner ?? '');
  const [service, setService] = useState(asset?.businessService ?? '');
  const [tags, setTags] = useState(asset?.tags.join('; ') ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
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
      const detail = err instanceof ApiError ? err.details.map((d) => `${d.path}: ${d.message}`).join('; ') : '';
      setError(`${err instanceof Error ? err.message : String(err)}${detail ? ` (${detail})` : ''}`);
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
        <input value={value} required onChange={(e) => setValue(e.target.value)} />
      </label>
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
        <input value={owner} onChange={(e) => setOwner(e.target.value)} />
      </label>
      <label>
        Business service
        <input value={service} onChange={(e) => setService(e.target.value)} />
      </label>
      <label>
        Tags (separated by ;)
        <input value={tags} onChange={(e) => setTags(e.target.value)} />
      </label>
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
