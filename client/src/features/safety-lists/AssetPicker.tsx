import type { Asset } from '@autonomic/api';
import { useEffect, useId, useState } from 'react';
import { problemWords } from '../../api/problems';
import { listAssets } from '../assets/api';

/** The asset an entry refers to, as the picker shows it. */
export interface PickedAsset {
  id: string;
  kind: Asset['kind'];
  value: string;
}

interface Props {
  picked: PickedAsset | null;
  onPick(asset: PickedAsset | null): void;
  /** aria props from the server's error for `body.assetId`. */
  invalid?: object;
}

/**
 * Choose an asset from the inventory (`/admin/assets`): type part of its value, owner,
 * service or a tag, then pick one of the first matches. A late answer to an older search
 * is dropped.
 */
export function AssetPicker({ picked, onPick, invalid = {} }: Props) {
  const [q, setQ] = useState('');
  const [matches, setMatches] = useState<Asset[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const listId = useId();

  useEffect(() => {
    let current = true;
    const term = q.trim();
    listAssets({ limit: 20, ...(term ? { q: term } : {}) }).then(
      (r) => {
        if (!current) return;
        setMatches(r.assets);
        setError(null);
      },
      (e: unknown) => current && setError(problemWords(e)),
    );
    return () => {
      current = false;
    };
  }, [q]);

  return (
    <fieldset className="asset-picker">
      <legend>Asset</legend>
      <label>
        Find an asset
        <input
          type="search"
          value={q}
          placeholder="value, owner, service or tag"
          onChange={(e) => setQ(e.target.value)}
        />
      </label>
      <label>
        Matching assets
        <select
          id={listId}
          value={picked?.id ?? ''}
          {...invalid}
          onChange={(e) => {
            const a = matches?.find((m) => m.id === e.target.value);
            onPick(a ? { id: a.id, kind: a.kind, value: a.value } : null);
          }}
        >
          <option value="">{matches?.length === 0 ? 'No asset matches' : 'Choose an asset'}</option>
          {picked && !matches?.some((m) => m.id === picked.id) && (
            <option value={picked.id}>
              {picked.kind} {picked.value}
            </option>
          )}
          {matches?.map((a) => (
            <option key={a.id} value={a.id}>
              {a.kind} {a.value}
              {a.owner ? ` (${a.owner})` : ''}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p role="alert" className="error">
          Could not search the assets: {error}
        </p>
      )}
    </fieldset>
  );
}
