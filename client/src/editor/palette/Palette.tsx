import { useCallback, useId, useMemo, useState } from 'react';
import { freePosition } from '../canvas/placement';
import { useRevealNode } from '../canvas/useRevealNode';
import { useViewportCentre } from '../canvas/useViewportCentre';
import { useEditor, useEditorStore } from '../store/context';
import { connectorPaletteGroups } from './connectorGroups';
import { ConnectorPalette } from './ConnectorPalette';
import { paletteGroups } from './groups';
import { PaletteItem } from './PaletteItem';

/** The node catalogue by category, then the installed connectors' actions, with search; items drag onto the canvas or insert with Enter. */
export function Palette() {
  const store = useEditorStore();
  const readOnly = useEditor((s) => s.readOnly);
  const [search, setSearch] = useState('');
  const groups = useMemo(() => paletteGroups(search), [search]);
  const summaries = useEditor((s) => s.connectors.summaries);
  const connectorGroups = useMemo(() => connectorPaletteGroups(search, summaries), [search, summaries]);
  const centre = useViewportCentre();
  const reveal = useRevealNode();
  const searchId = useId();
  const insert = useCallback(
    (type: string) => {
      const s = store.getState();
      const id = s.addNodeAt(type, freePosition(s.nodes, centre()));
      if (id) reveal(id);
    },
    [store, centre, reveal],
  );
  const insertConnector = useCallback(
    (connectorId: string, actionId: string) => {
      const s = store.getState();
      const id = s.addConnectorAt(connectorId, actionId, freePosition(s.nodes, centre()));
      if (id) reveal(id);
    },
    [store, centre, reveal],
  );
  return (
    <nav className="palette" aria-label="Node palette" data-testid="palette">
      <label htmlFor={searchId}>Search nodes</label>
      <input
        id={searchId}
        type="search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        placeholder="e.g. approval, firewall"
        data-testid="palette-search"
      />
      {groups.length === 0 && connectorGroups.length === 0 && <p className="muted">No node type matches “{search}”.</p>}
      {groups.map((g) => (
        <section key={g.category} aria-labelledby={`${searchId}-${g.category}`}>
          <h3 id={`${searchId}-${g.category}`}>{g.title}</h3>
          <ul>
            {g.items.map((def) => (
              <PaletteItem key={def.type} def={def} onInsert={insert} disabled={readOnly} />
            ))}
          </ul>
        </section>
      ))}
      {(connectorGroups.length > 0 || search === '') && (
        <ConnectorPalette groups={connectorGroups} onInsert={insertConnector} disabled={readOnly} />
      )}
    </nav>
  );
}
