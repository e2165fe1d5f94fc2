import { NODE_TYPES, type NodeCategory, type NodeDefinition } from '@autonomic/workflow';

export const CATEGORY_TITLES: Record<NodeCategory, string> = {
  trigger: 'Triggers',
  logic: 'Logic',
  human: 'Human',
  action: 'Actions',
};
const ORDER: readonly NodeCategory[] = ['trigger', 'logic', 'human', 'action'];

export interface PaletteGroup {
  category: NodeCategory;
  title: string;
  items: NodeDefinition[];
}

/** The catalogue grouped by category, keeping only types whose label, type or description matches. */
export function paletteGroups(search: string, types: readonly NodeDefinition[] = NODE_TYPES): PaletteGroup[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (d: NodeDefinition) => {
    const text = `${d.label} ${d.type} ${d.description}`.toLowerCase();
    return words.every((w) => text.includes(w));
  };
  return ORDER.map((category) => ({
    category,
    title: CATEGORY_TITLES[category],
    items: types.filter((d) => d.category === category && matches(d)),
  })).filter((g) => g.items.length > 0);
}
