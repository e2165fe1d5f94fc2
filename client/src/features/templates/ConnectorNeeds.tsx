import type { TemplateConnector } from './api';

/** Whether a connector can be used as it is, in words. */
function readiness(c: TemplateConnector): { text: string; ready: boolean } {
  if (!c.installed) return { text: 'not installed here: ask an admin', ready: false };
  if (!c.credential) return { text: 'installed, no credential yet: ask an admin', ready: false };
  return { text: 'ready', ready: true };
}

/** The connectors a template needs: what each is for, and whether it is installed with a credential. */
export function ConnectorNeeds({ connectors }: { connectors: TemplateConnector[] }) {
  return (
    <ul className="template-connectors">
      {connectors.map((c) => {
        const { text, ready } = readiness(c);
        return (
          <li key={c.id} data-testid={`needs-${c.id}`} data-ready={ready}>
            <strong>{c.title}</strong>: {c.why}. <span className={ready ? 'ready' : 'missing'}>{text}</span>
          </li>
        );
      })}
    </ul>
  );
}
