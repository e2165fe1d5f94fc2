/** Every editor command: pure `(graph, args) → graph`, applied through the store with undo. */
export { addNode, nextNodeId, type AddNodeArgs } from './addNode';
export { connect, connectionProblem, type ConnectArgs } from './connect';
export { disconnect } from './disconnect';
export { removeSelection, type SelectionArgs } from './removeSelection';
export { moveNodes } from './moveNodes';
export { updateParams } from './updateParams';
export { updateLabel } from './updateLabel';
export { updateStepSettings, type StepSettingsArgs } from './updateStepSettings';
export { updateInputSchema } from './updateInputSchema';
export { duplicate } from './duplicate';
export { paste, PASTE_OFFSET } from './paste';
export { copyNodes, parseClipboard, serializeClipboard, CLIPBOARD_MARKER, type ClipboardPayload } from './clipboard';
export { addNote, updateNote } from './notes';
export { setMetadata } from './setMetadata';
export { setOnFailure } from './setOnFailure';
export { autoLayoutArgs } from './autoLayout';
export { setTests, updateTestCase, type Tests, type TestCaseDraft } from './setTests';
