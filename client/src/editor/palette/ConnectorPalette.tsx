import type { DragEvent } from 'react';
import { CONNECTOR_DND_TYPE, NODE_DND_TYPE } from '../canvas/EditorCanvas';
import { useEditor } from '../store/context';
import type { ConnectorPaletteAction, ConnectorPaletteGroup } from './connectorGroups';

/** The "Connectors" section of the palette: each installed connector's actions, with their effect. */
export function ConnectorPalette({
  groups,
  onInsert,
  disabled,
}: {
  groups: readonly ConnectorPaletteGroup[];
  onInsert(connectorId: string, actionId: string): void;
  disabled: boolean;
}) {
  const status = useEditor((s) => s.connectors.status);
  const errors = useEditor((s) => s.connectors.errors);
  return (
    <section aria-label="Connectors" data-testid="palette-connectors">
      <h3>Connectors</h3>
      {status === 'loading' && <p className="muted">Loading connectors…</p>}
      {errors.map((e) => (
        <p key={e} role="alert" className="muted">
          {e}
        </p>
      ))}
      {groups.map((g) => (
        <div key={g.id} role="group" aria-label={`${g.vendor} ${g.name}`}>
          <h4>
            {g.vendor} <span className="muted">{g.name}</span>
          </h4>
          <ul>
            {g.actions.map((a) => (
              <ConnectorItem key={a.id} group={g} action={a} onInsert={onInsert} disabled={disabled} />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function ConnectorItem({
  group,
  action,
  onInsert,
  disabled,
}: {
  group: ConnectorPaletteGroup;
  action: ConnectorPaletteAction;
  onInsert(connectorId: string, actionId: string): void;
  disabled: boolean;
}) {
  // The definition (params, schemas) is needed to add a step; a summary alone is not enough.
  const loaded = useEditor((s) => s.connectors.definitions[group.id] !== undefined);
  const off = disabled || !loaded;
  const onDragStart = (e: DragEvent) => {
    e.dataTransfer.setData(NODE_DND_TYPE, 'connector');
    e.dataTransfer.setData(CONNECTOR_DND_TYPE, JSON.stringify({ connector: group.id, action: action.id }));
    e.dataTransfer.setData('text/plain', `${group.vendor}: ${action.title}`);
    e.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <li>
      <button
        type="button"
        className={`palette-item effect-${action.effect}`}
        draggable={!off}
        disabled={off}
        onDragStart={onDragStart}
        onClick={() => onInsert(group.id, action.id)}
        data-testid={`palette-connector-${group.id}-${action.id}`}
        title={`${group.vendor} ${group.name} ${group.version}: ${action.title}. Drag onto the canvas, or press Enter to add it at the centre.`}
      >
        <span>{action.title}</span>
        <span className={`effect-tag effect-tag-${action.effect}`}>{action.effect}</span>
      </button>
    </li>
  );
}
