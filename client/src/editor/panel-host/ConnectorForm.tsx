import { useId, useMemo } from 'react';
import type { CompletionItem } from '../contracts';
import { actionOf } from '../connectors/catalog';
import { inputFormSchema } from '../connectors/inputSchema';
import { GeneratedForm } from '../panel/GeneratedForm';
import type { PanelProblem, Path } from '../panel/problems';
import { useEditor } from '../store/context';
import { CredentialPicker } from './CredentialPicker';

const INPUT_BASE: Path = ['params', 'input'];
const EMPTY: Record<string, unknown> = {};

/**
 * The config form of a connector step: the pinned `connector@version` and action
 * (read-only: a different action is a different step), the credential, and the inputs
 * generated from the action's params schema. Changes replace the whole params (undoable).
 */
export function ConnectorForm({
  params,
  onChange,
  completions,
  problems,
  readOnly,
}: {
  params: Record<string, unknown>;
  onChange(params: Record<string, unknown>): void;
  completions: CompletionItem[];
  problems: readonly PanelProblem[];
  readOnly: boolean;
}) {
  const catalog = useEditor((s) => s.connectors);
  const headingId = useId();
  const pinned = actionOf(catalog, params);
  const connector = String(params['connector'] ?? '');
  const version = String(params['version'] ?? '');
  const input = typeof params['input'] === 'object' && params['input'] !== null ? params['input'] : EMPTY;
  const inputProblems = useMemo(() => problems.filter((p) => p.path.startsWith('params.input')), [problems]);
  const stepProblems = problems.filter((p) => /^params\.(connector|version|action|effect|target)/.test(p.path));
  return (
    <section className="pf-form" aria-labelledby={headingId} data-testid="connector-form">
      <h3 id={headingId}>
        {pinned ? `${pinned.def.vendor} ${pinned.def.name}` : connector}{' '}
        <code data-testid="connector-pin">
          {connector}@{version}
        </code>
      </h3>
      {pinned ? (
        <p>
          {pinned.action.title}{' '}
          <span className={`effect-tag effect-tag-${pinned.action.effect}`}>{pinned.action.effect}</span>
          <span className="pf-help">{pinned.action.description}</span>
        </p>
      ) : (
        <p className="muted">
          {catalog.status === 'ready' ? `Action ${String(params['action'] ?? '')}` : 'Loading the connector…'}
        </p>
      )}
      {stepProblems.length > 0 && (
        <div role="alert" className="pf-problem">
          {stepProblems.map((p, i) => (
            <p key={i}>{p.message}</p>
          ))}
        </div>
      )}
      <CredentialPicker
        connectorId={connector}
        value={String(params['credential'] ?? '')}
        onChange={(credential) => onChange({ ...params, credential })}
        problems={problems.filter((p) => p.path === 'params.credential').map((p) => p.message)}
        readOnly={readOnly}
      />
      {pinned && (
        <GeneratedForm
          schema={inputFormSchema(pinned.action)}
          base={INPUT_BASE}
          value={input as Record<string, unknown>}
          onChange={(next) => onChange({ ...params, input: next })}
          completions={completions}
          problems={inputProblems}
          readOnly={readOnly}
          label={`${pinned.action.title} inputs`}
          emptyText={`${pinned.action.title} takes no inputs.`}
        />
      )}
    </section>
  );
}
