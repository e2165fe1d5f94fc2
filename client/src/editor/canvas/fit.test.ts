import { describe, expect, it } from 'vitest';
import { fitOptions, READABLE_ZOOM, SMALL_GRAPH_NODES } from './fit';

describe('fit options', () => {
  it('when the graph is small then Fit zooms out no further than a readable zoom, and never past 100 % in', () => {
    expect(fitOptions(5, 200)).toEqual({ maxZoom: 1, minZoom: READABLE_ZOOM, duration: 200 });
    expect(fitOptions(SMALL_GRAPH_NODES)).toEqual({ maxZoom: 1, minZoom: READABLE_ZOOM });
  });

  it('when the graph is big then Fit may zoom out to an overview', () => {
    expect(fitOptions(SMALL_GRAPH_NODES + 1, 200)).toEqual({ maxZoom: 1, duration: 200 });
  });
});
