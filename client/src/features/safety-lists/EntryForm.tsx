import { CriticalityName, SafetyKind, SafetyListName, type CreateSafetyEntry, type SafetyEntry } from '@autonomic/api';
import { useState, type FormEvent } from 'react';
import { fieldErrorsOf, NO_ERRORS, problemWords, unplaced, type FieldErrors } from '../../api/problems';
import { FieldError, invalidProps } from '../policies/FieldError';
import { FormEnd } from '../shared/FormEnd';
import { AssetPicker, type PickedAsset } from './AssetPicker';
import { LIST_LABEL } from './labels';

interface Props {
  /** The entry being edited; absent: a new one (on `list`). */
  entry?: SafetyEntry;
  list: SafetyEntry['list'];
  onSave(body: CreateSafetyEntry): Promise<void>;
  onCancel(): void;
}

const PLACED = new Set([
  'body.list',
  'body.kind',
  'body.value',
  'body.criticality',
  'body.reason',
  'body.owner',
  'body.assetId',
]);

/** A duplicate (409, no details) belongs beside the value. */
const CONFLICTS = { duplicate_entry: 'body.value' };

/**
 * Add or edit one entry: a kind and value typed in, or an asset picked from the inventory
 * (the entry then follows the asset's kind and value). A reason is required. The server's
 * errors show in words at the field they name.
 */
export function EntryForm({ entry, list: initialList, onSave, onCancel }: Props) {
  const [list, setList] = useState(entry?.list ?? initialList);
  const [fromAsset, setFromAsset] = useState(entry?.assetId != null);
  const [asset, setAsset] = useState<PickedAsset | null>(
    entry?.assetId ? { id: entry.assetId, kind: entry.kind, value: entry.value } : null,
  );
  const [kind, setKind] = useState(entry?.kind ?? 'ip');
  const [value, setValue] = useState(entry?.value ?? '');
  const [criticality, setCriticality] = useState(entry?.criticality ?? 'medium');
  const [reason, setReason] = useState(entry?.reason ?? '');
  const [owner, setOwner] = useState(entry?.owner ?? '');
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (fromAsset && !asset) {
      setErrors(new Map([['body.assetId', 'choose an asset, or type a kind and value instead']]));
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    setFailure(null);
    const target = fromAsset && asset ? { assetId: asset.id } : { kind, value };
    try {
      await onSave({ list, ...target, criticality, reason, owner: owner.trim() || null });
    } catch (err) {
      const found = fieldErrorsOf(err, CONFLICTS);
      setErrors(found);
      if (found.size === 0) setFailure(problemWords(err));
    } finally {
      setBusy(false);
    }
  }
  const others = unplaced(errors, PLACED);
  const title = entry ? `Edit ${entry.value}` : `New ${LIST_LABEL[list].toLowerCase()} entry`;

  return (
    <form className="safety-entry-form" aria-label={title} onSubmit={submit} noValidate>
      <label>
        List
        <select
          value={list}
          onChange={(e) => setList(SafetyListName.parse(e.target.value))}
          {...invalidProps(errors, 'body.list')}
        >
          {SafetyListName.options.map((l) => (
            <option key={l} value={l}>
              {LIST_LABEL[l]}
            </option>
          ))}
        </select>
      </label>
      <FieldError errors={errors} path="body.list" />
      <label className="inline">
        <input type="checkbox" checked={fromAsset} onChange={(e) => setFromAsset(e.target.checked)} />
        Refers to an asset of the inventory (follows its kind and value)
      </label>
      {fromAsset ? (
        <>
          <AssetPicker picked={asset} onPick={setAsset} invalid={invalidProps(errors, 'body.assetId')} />
          <FieldError errors={errors} path="body.assetId" />
        </>
      ) : (
        <>
          <label>
            Kind
            <select
              value={kind}
              onChange={(e) => setKind(SafetyKind.parse(e.target.value))}
              {...invalidProps(errors, 'body.kind')}
            >
              {SafetyKind.options.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          </label>
          <FieldError errors={errors} path="body.kind" />
          <label>
            Value
            <input value={value} onChange={(e) => setValue(e.target.value)} {...invalidProps(errors, 'body.value')} />
          </label>
          <FieldError errors={errors} path="body.value" />
        </>
      )}
      <label>
        Criticality
        <select
          value={criticality}
          onChange={(e) => setCriticality(CriticalityName.parse(e.target.value))}
          {...invalidProps(errors, 'body.criticality')}
        >
          {CriticalityName.options.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <FieldError errors={errors} path="body.criticality" />
      <label>
        Reason
        <input value={reason} onChange={(e) => setReason(e.target.value)} {...invalidProps(errors, 'body.reason')} />
      </label>
      <FieldError errors={errors} path="body.reason" />
      <label>
        Owner
        <input value={owner} onChange={(e) => setOwner(e.target.value)} {...invalidProps(errors, 'body.owner')} />
      </label>
      <FieldError errors={errors} path="body.owner" />
      <FormEnd
        problems={failure ? [failure] : others.map(([, message]) => message)}
        submitLabel={entry ? 'Save' : 'Add entry'}
        busy={busy}
        onCancel={onCancel}
      />
    </form>
  );
}
