import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../auth/store';
import { ApiErrorMessage } from '../simulation/ApiErrorMessage';
import { useAsync } from '../versions/useAsync';
import { getSettings, getTrigger } from './api';
import { KillSwitchSection } from './KillSwitchSection';
import { permissionsOf } from './permissions';
import { SafetySettingsPanel } from './SafetySettingsPanel';
import { ScheduleSection } from './ScheduleSection';
import { SloSection } from './SloSection';
import { WebhookSection } from './WebhookSection';
import './workflow-settings.css';

/**
 * `/workflows/:id/settings`: kill switch, blast-radius limits, webhook, schedule and SLO.
 * Everyone who can see the workflow reads it; each section offers changes only to those
 * the server allows, and says who may change it otherwise.
 */
export function WorkflowSettingsPage() {
  const { id = '' } = useParams();
  const user = useAuth((s) => s.user);
  const state = useAsync(async () => {
    const workflow = await getSettings(id);
    return { workflow, trigger: await getTrigger(workflow.id) };
  }, id);
  // Bumped after a kill-switch or limit change: both sections show the pending changes.
  const [changes, setChanges] = useState(0);
  const bump = () => setChanges((n) => n + 1);

  if (!state.data) return state.error ? <ApiErrorMessage error={state.error} /> : <p>Loading…</p>;
  const { workflow, trigger } = state.data;
  const may = permissionsOf(user, workflow.ownerId);
  return (
    <section className="workflow-settings" aria-labelledby="workflow-settings-title">
      <div className="page-head">
        <h1 id="workflow-settings-title">{workflow.name}: settings</h1>
        <div className="actions">
          <Link className="button" to={`/workflows/${workflow.id}`}>
            Open editor
          </Link>
          <Link className="button" to={`/workflows/${workflow.id}/versions`}>
            History
          </Link>
        </div>
      </div>
      {!may.owner && (
        <p className="muted" data-testid="read-only-note">
          Read-only for you: the owner ({workflow.owner.username}) or an admin changes the limits and the webhook
          {may.killSwitch ? '; you may use the kill switch' : ''}.
        </p>
      )}
      <KillSwitchSection workflowId={workflow.id} mayChange={may.killSwitch} reloadKey={changes} onChanged={bump} />
      <SafetySettingsPanel workflowId={workflow.id} mayChange={may.owner} reloadKey={changes} onChanged={bump} />
      <WebhookSection
        workflowId={workflow.id}
        triggerType={trigger.triggerType}
        exampleEvent={trigger.exampleEvent}
        inputSchema={trigger.inputSchema}
        mayChange={may.owner}
      />
      <ScheduleSection schedule={trigger.schedule} />
      <SloSection workflowId={workflow.id} mayChange={may.slo} />
    </section>
  );
}
