import { describe, expect, it } from 'vitest';
import { harness, inspect, step, transform, workflow } from './harness';

describe('engine: switch cases typed by the editor', () => {
  it('when a case holds the number 5 then an event count of 5 takes it; a case holding the text "5" would not', async () => {
    // start → route ─five→ f
    //               ├five_text→ t
    //               └default→ d
    const doc = workflow('route', {
      route: step(
        'switch',
        {
          value: 'event.count',
          cases: [
            { port: 'five_text', equals: '5' },
            { port: 'five', equals: 5 },
          ],
        },
        { five: 'f', five_text: 't', default: 'd' },
      ),
      f: transform('1'),
      t: transform('2'),
      d: transform('3'),
    });
    const { engine, store } = harness();

    const run = await engine.start(doc, { count: 5 });

    expect((await inspect(store, run.runId)).path).toEqual(['route', 'f']);
  });

  it('when a case holds true then a true flag takes it and false goes to default', async () => {
    // start → route ─internal→ i
    //               └default→ d
    const doc = workflow('route', {
      route: step(
        'switch',
        { value: 'event.internal', cases: [{ port: 'internal', equals: true }] },
        { internal: 'i', default: 'd' },
      ),
      i: transform('1'),
      d: transform('2'),
    });
    const { engine, store } = harness();

    const yes = await engine.start(doc, { internal: true });
    const no = await engine.start(doc, { internal: false });

    expect((await inspect(store, yes.runId)).path).toEqual(['route', 'i']);
    expect((await inspect(store, no.runId)).path).toEqual(['route', 'd']);
  });
});
