import { useState } from 'react';

interface Props {
  /** What the secret is, e.g. "Password for mallory". */
  label: string;
  secret: string;
  onDone(): void;
}

/** A password or token shown once, with a copy button; it is not kept after "Done". */
export function OneTimeSecret({ label, secret, onDone }: Props) {
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <div role="region" aria-label={label} className="one-time-secret">
      <p>
        <strong>{label}</strong> — shown once: copy it now and pass it on safely.
      </p>
      <code data-testid="one-time-secret">{secret}</code>
      <button
        type="button"
        onClick={() =>
          navigator.clipboard.writeText(secret).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        Copy
      </button>
      {copied !== null && <span role="status">{copied ? 'Copied.' : 'Could not copy: select the text instead.'}</span>}
      <button type="button" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
