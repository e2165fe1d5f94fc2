import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { instantiateTemplate, type TemplateSummary } from './api';
import { ConnectorNeeds } from './ConnectorNeeds';

const CATEGORY: Record<string, string> = {
  triage: 'Triage',
  enrichment: 'Enrichment',
  containment: 'Containment',
  identity: 'Identity',
  vulnerability: 'Vulnerabilities',
};

/** One template: what it does, what it needs, and "Use this template" (for those who create workflows). */
export function TemplateCard({ template, canUse }: { template: TemplateSummary; canUse: boolean }) {
  const navigate = useNavigate();
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const use = () => {
    setBusy(true);
    setError(null);
    instantiateTemplate(template.id)
      .then((r) => navigate(`/workflows/${r.workflowId}/versions/${r.version.number}`))
      .catch((e: Error) => {
        setError(e.message);
        setBusy(false);
      });
  };

  return (
    <article className="template-card" aria-labelledby={titleId} data-testid={`template-${template.id}`}>
      <h2 id={titleId}>{template.title}</h2>
      <p className="template-meta">
        {CATEGORY[template.category] ?? template.category} · {template.cases} test cases ·{' '}
        {template.destructiveSteps === 0
          ? 'changes nothing in other systems'
          : `${template.destructiveSteps} ${template.destructiveSteps === 1 ? 'step that changes' : 'steps that change'} another system, each behind an approval`}
      </p>
      <p>{template.description}</p>
      <h3>Connectors it needs</h3>
      <ConnectorNeeds connectors={template.connectors} />
      {error && <p role="alert">{error}</p>}
      {canUse && (
        <button type="button" className="button primary" onClick={use} disabled={busy} aria-describedby={titleId}>
          {busy ? 'Creating the draft…' : 'Use this template'}
        </button>
      )}
    </article>
  );
}
