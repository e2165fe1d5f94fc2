import type { WebhookSecretIssued } from '@autonomic/api';
import { CopyButton } from './CopyButton';

/**
 * A new webhook secret, shown this once (it lives only in the page's memory: leaving the
 * page or "Done" forgets it), with a signed `curl` recipe that sends an example event.
 */
export function IssuedSecret({ issued, onDone }: { issued: WebhookSecretIssued; onDone(): void }) {
  return (
    <div role="region" aria-label="New webhook secret" className="one-time-secret" data-testid="issued-secret">
      <p>
        <strong>Webhook secret</strong>: shown once. Copy it now into the system that sends the events; it cannot be
        shown again.
      </p>
      <code data-testid="webhook-secret">{issued.secret}</code>
      <CopyButton text={issued.secret} label="Copy secret" />
      <p>
        A signed test delivery from a terminal (it signs “timestamp.body” with HMAC-SHA256 and sends it in the{' '}
        <code>{issued.headers.signature}</code> header, with the time in <code>{issued.headers.timestamp}</code>):
      </p>
      <pre className="curl-example" data-testid="curl-example" tabIndex={0} aria-label="Signed curl example">
        {issued.example}
      </pre>
      <CopyButton text={issued.example} label="Copy curl example" />
      <button type="button" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
