// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleGraph } from '../commands/testing';
import { EditorProvider, useEditor } from '../store/context';
import { createEditorStore } from '../store/createEditorStore';
import { NodeBody } from './NodeBody';

afterEach(cleanup);

const LONG_ID = 'block_ip_at_the_perimeter_firewall_of_the_main_site';

/** The block step as the canvas draws it, with a long title. */
function Node() {
  const data = useEditor((s) => s.nodes.find((n) => n.id === 'block_ip_1')?.data);
  return data ? (
    <NodeBody
      id={LONG_ID}
      data={{ ...data, label: 'Check IP reputation and block the source' }}
      trigger={false}
      isConnectable={false}
    />
  ) : null;
}

describe('NodeBody', () => {
  it('when the title and step id are long then both keep their whole text as a tooltip and the effect badge is drawn', () => {
    render(
      <EditorProvider store={createEditorStore(sampleGraph())} validate={false}>
        <Node />
      </EditorProvider>,
    );

    const node = screen.getByTestId(`node-${LONG_ID}`);
    const label = node.querySelector('.node-label');
    expect(label?.textContent).toBe('Check IP reputation and block the source');
    expect(label?.getAttribute('title')).toBe('Check IP reputation and block the source');
    expect(node.querySelector('.node-id')?.getAttribute('title')).toBe(LONG_ID);
    expect(node.querySelector('.node-meta .effect-tag')?.textContent).toBe('destructive');
  });
});
