/** The canvas's keyboard shortcuts, as the shortcuts sheet lists them. */
export const SHORTCUTS: ReadonlyArray<{ keys: string; action: string }> = [
  { keys: 'Delete / Backspace', action: 'Delete the selected nodes and edges' },
  { keys: 'Ctrl+C / Ctrl+X', action: 'Copy / cut the selection (as text: pastes into another workflow too)' },
  { keys: 'Ctrl+V', action: 'Paste at the pointer' },
  { keys: 'Ctrl+D', action: 'Duplicate the selection' },
  { keys: 'Ctrl+Z', action: 'Undo' },
  { keys: 'Ctrl+Shift+Z / Ctrl+Y', action: 'Redo' },
  { keys: 'Ctrl+A', action: 'Select everything' },
  { keys: 'Shift+click / Ctrl+click', action: 'Add a node to the selection' },
  { keys: 'Shift+drag', action: 'Select with a box' },
  { keys: 'Arrow keys (Shift: further)', action: 'Move the selected nodes' },
  { keys: 'C', action: 'Connect the selected node to another step, or remove its connections' },
  { keys: 'N', action: 'Add a sticky note' },
  { keys: 'Shift+L', action: 'Auto-layout' },
  { keys: 'Shift+F', action: 'Fit the view' },
  { keys: 'Enter (palette)', action: 'Add the node type at the centre of the view' },
  { keys: '?', action: 'Show these shortcuts' },
];
