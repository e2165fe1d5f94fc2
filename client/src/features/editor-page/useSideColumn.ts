import { useCallback, useState } from 'react';
import { useEditor } from '../../editor';
import { useRemembered } from './useRemembered';

export const PALETTE_COLLAPSED_KEY = 'autonomic.editor.paletteCollapsed';
export const PANEL_COLLAPSED_KEY = 'autonomic.editor.panelCollapsed';

/**
 * Whether the side panel is folded. The person's choice is remembered; selecting a node
 * opens the panel on it (its settings are what one selects it for), and folding it again
 * keeps it folded until another node is selected.
 */
export function useSideColumn(): { collapsed: boolean; toggle(): void } {
  const [remembered, remember] = useRemembered(PANEL_COLLAPSED_KEY, false);
  const selected = useEditor((s) => (s.selection.nodes.length === 1 ? (s.selection.nodes[0] ?? null) : null));
  // The node the panel was folded on: selecting it again does not reopen the panel.
  const [dismissed, setDismissed] = useState<string | null>(null);
  const collapsed = remembered && (selected === null || selected === dismissed);
  const toggle = useCallback(() => {
    if (collapsed) {
      remember(false);
    } else {
      remember(true);
      setDismissed(selected);
    }
  }, [collapsed, remember, selected]);
  return { collapsed, toggle };
}
