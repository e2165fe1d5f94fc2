// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { useStoreApi, type NodeProps } from '@xyflow/react';
import { useEffect } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleGraph } from '../commands/testing';
import { EditorProvider } from '../store/context';
import { createEditorStore } from '../store/createEditorStore';
import type { FlowNode } from '../types';
import { createFocusedNodeStore, FocusedNodeContext, LOD_ZOOM } from './lod';
import { StepNode } from './StepNode';

afterEach(cleanup);

const graph = sampleGraph();
const block = graph.nodes.find((n) => n.id === 'block_ip_1');
if (!block) throw new Error('the sample graph has no block_ip_1');
const blockData = block.data;

/** Sets React Flow's zoom the way panning and zooming do (the viewport transform in its store). */
function Zoom({ zoom }: { zoom: number }) {
  const flow = useStoreApi();
  useEffect(() => flow.setState({ transform: [0, 0, zoom] }), [flow, zoom]);
  return null;
}

function props(over: Partial<NodeProps<FlowNode>> = {}): NodeProps<FlowNode> {
  return {
    id: 'block_ip_1',
    type: 'step',
    data: blockData,
    selected: false,
    isConnectable: true,
    width: 216,
    height: 96,
    ...over,
  } as NodeProps<FlowNode>;
}

function drawAt(zoom: number, over: Partial<NodeProps<FlowNode>> = {}, focus = createFocusedNodeStore()) {
  render(
    <EditorProvider store={createEditorStore(graph)} validate={false}>
      <FocusedNodeContext.Provider value={focus}>
        <Zoom zoom={zoom} />
        <StepNode {...props(over)} />
      </FocusedNodeContext.Provider>
    </EditorProvider>,
  );
  return screen.getByTestId('node-block_ip_1');
}

describe('StepNode level of detail', () => {
  it('when the canvas is at 100 % then the node is drawn in full: title, type and effect', () => {
    const node = drawAt(1);
    expect(node.getAttribute('data-lod')).toBeNull();
    expect(node.querySelector('.node-label')?.textContent).toBe('block_ip_1');
    expect(node.querySelector('.effect-tag')?.textContent).toBe('destructive');
  });

  it('when zoomed out past the threshold then it is a plain box of its measured size, with no text drawn and its name for screen readers', () => {
    const node = drawAt(LOD_ZOOM - 0.1);
    expect(node.getAttribute('data-lod')).toBe('plain');
    expect(node.style.width).toBe('216px');
    expect(node.style.height).toBe('96px');
    expect(node.classList.contains('effect-destructive')).toBe(true);
    expect(node.querySelector('.node-label, .node-meta, .node-ports, .react-flow__handle')).toBeNull();
    expect(node.textContent).toBe('block_ip_1');
    expect(node.querySelector('.visually-hidden')?.textContent).toBe('block_ip_1');
  });

  it('when a node never measured is drawn zoomed out then edges still find its ports (stand-in anchors with the port ids)', () => {
    const node = drawAt(LOD_ZOOM - 0.1, { width: undefined, height: undefined });
    expect(node.querySelector('.target[data-handlepos="left"]')).not.toBeNull();
    const outs = [...node.querySelectorAll('.source')].map((a) => a.getAttribute('data-handleid'));
    expect(outs.length).toBeGreaterThan(0);
    expect(outs).toContain('out');
  });

  it('when a zoomed-out node is selected then it is drawn in full', () => {
    const node = drawAt(LOD_ZOOM - 0.1, { selected: true });
    expect(node.getAttribute('data-lod')).toBeNull();
    expect(node.querySelector('.node-label')).not.toBeNull();
  });

  it('when a keyboard user focuses a zoomed-out node then it is drawn in full, and a plain box again when the focus leaves', () => {
    const focus = createFocusedNodeStore();
    drawAt(LOD_ZOOM - 0.1, {}, focus);
    act(() => focus.setState({ id: 'block_ip_1' }));
    expect(screen.getByTestId('node-block_ip_1').querySelector('.node-label')).not.toBeNull();
    act(() => focus.setState({ id: null }));
    expect(screen.getByTestId('node-block_ip_1').getAttribute('data-lod')).toBe('plain');
  });
});
