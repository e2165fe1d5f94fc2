import { useEffect, useState } from 'react';
import { useAuth } from '../../auth/store';
import { listTemplates, type TemplateSummary } from './api';
import { TemplateCard } from './TemplateCard';
import './templates.css';

/** `/workflows/templates`: the template library; using one creates a draft and opens it in the editor. */
export function TemplatesPage() {
  const role = useAuth((s) => s.user?.role);
  const canUse = role === 'analyst' || role === 'admin';
  const [templates, setTemplates] = useState<TemplateSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    listTemplates()
      .then((r) => setTemplates(r.templates))
      .catch((e: Error) => setError(e.message));
  }, []);

  return (
    <section aria-labelledby="templates-title">
      <h1 id="templates-title">New from template</h1>
      <p>
        Playbooks a SOC team starts from. Each comes with test cases that show every step changing another system
        approved, refused on a protected target, and its failure handled. Using one creates a draft of your own.
      </p>
      {!canUse && <p>Only analysts and admins create workflows: ask one to use a template.</p>}
      {error && <p role="alert">{error}</p>}
      {templates === null && !error && <p aria-busy="true">Loading…</p>}
      {templates && (
        <div className="template-grid">
          {templates.map((t) => (
            <TemplateCard key={t.id} template={t} canUse={canUse} />
          ))}
        </div>
      )}
    </section>
  );
}
