import type { NodeTypes } from '@xyflow/react';
import { GhostNode } from './GhostNode';
import { NoteNode } from './NoteNode';
import { StepNode } from './StepNode';

/** Defined once at module level: a new object per render would remount every node. */
export const nodeTypes: NodeTypes = { step: StepNode, trigger: StepNode, note: NoteNode, ghost: GhostNode };
