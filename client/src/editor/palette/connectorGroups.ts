import type { ConnectorSummary } from '@autonomic/api';

export interface ConnectorPaletteAction {
  id: string;
  title: string;
  effect: 'read' | 'write' | 'destructive';
}

export interface ConnectorPaletteGroup {
  id: string;
  name: string;
  vendor: string;
  version: string;
  actions: ConnectorPaletteAction[];
}

/**
 * The installed connectors' actions grouped by connector, keeping the actions whose
 * vendor, connector name or id, action title or id (the verb: `check_ip`) hold every
 * search word; a connector with no such action is left out.
 */
export function connectorPaletteGroups(
  search: string,
  summaries: readonly ConnectorSummary[],
): ConnectorPaletteGroup[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  return summaries
    .map((c) => ({
      id: c.id,
      name: c.name,
      vendor: c.vendor,
      version: c.version,
      actions: c.actions
        .filter((a) => {
          const text = `${c.vendor} ${c.name} ${c.id} ${a.title} ${a.id} ${a.id.replace(/_/g, ' ')}`.toLowerCase();
          return words.every((w) => text.includes(w));
        })
        .map((a) => ({ id: a.id, title: a.title, effect: a.effect })),
    }))
    .filter((g) => g.actions.length > 0)
    .sort((a, b) => a.vendor.localeCompare(b.vendor) || a.name.localeCompare(b.name));
}
