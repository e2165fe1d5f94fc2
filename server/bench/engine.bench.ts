/**
 * Engine benchmark (`npm run bench:engine`). Prints numbers; targets from the issue:
 *   (1) ≤ 20 µs per step on a 400-step transform chain, in-memory store
 *   (2) ≥ 2,250 items/s for a for-each over 10,000 items at concurrency 50 against an
 *       in-process fake with 20 ms latency (50 / 0.02 s = 2,500 is the ceiling)
 *   (3) compile time of a 1,000-node graph (workflow/; see the marked section below)
 */
import { compileGraph, generateChainGraph, WorkflowDocument } from '@autonomic/workflow';
import { createEngine, MemoryRunStore, seededRandom, systemClock, type EffectsPort } from '../src/engine';
import { startFigures, verdictOf } from './summary/figures';

const CHAIN = 400;

function chainDoc(n: number): WorkflowDocument {
  const steps: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const prev = i === 0 ? 'event.n' : `steps.s${i - 1}.output`;
    steps[`s${i}`] = {
      type: 'transform',
      params: { expression: `${prev} + 1` },
      transitions: i + 1 < n ? { out: [`s${i + 1}`] } : {},
    };
  }
  return WorkflowDocument.parse({
    formatVersion: 3,
    metadata: { name: 'chain' },
    trigger: { id: 'start', type: 'trigger.manual', params: {}, transitions: { out: ['s0'] } },
    steps,
  });
}

function forEachDoc(concurrency: number): WorkflowDocument {
  return WorkflowDocument.parse({
    formatVersion: 3,
    metadata: { name: 'fan-out' },
    trigger: { id: 'start', type: 'trigger.manual', params: {}, transitions: { out: ['each'] } },
    steps: {
      each: { type: 'foreach', params: { items: 'event.items', concurrency }, transitions: { item: ['lookup'] } },
      lookup: { type: 'http', params: { method: 'GET', url: 'https://intel.example/ip/{{ item }}' }, transitions: {} },
    },
  });
}

/** The same fan-out with no engine at all: what timers alone allow on this machine. */
async function timerCeiling(items: number, concurrency: number, latencyMs: number): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < items) {
      next++;
      await new Promise((r) => setTimeout(r, latencyMs));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return items / ((performance.now() - t0) / 1000);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function chain(commitBatch: number): Promise<number> {
  const doc = chainDoc(CHAIN);
  const effects: EffectsPort = { perform: async () => ({ ok: true, output: null }) };
  const engine = createEngine({
    store: new MemoryRunStore(),
    effects,
    random: seededRandom(1),
    limits: { commitBatch },
  });
  const times: number[] = [];
  for (let i = 0; i < 60; i++) {
    const t0 = performance.now();
    const r = await engine.start(doc, { n: 0 });
    const dt = performance.now() - t0;
    if (r.status !== 'succeeded') throw new Error(`chain run ${r.status}`);
    if (i >= 10) times.push(dt);
  }
  return (median(times) * 1000) / CHAIN;
}

async function fanOut(
  items: number,
  concurrency: number,
  latencyMs: number,
): Promise<{ perSecond: number; maxInFlight: number }> {
  let inFlight = 0;
  let maxInFlight = 0;
  const effects: EffectsPort = {
    perform: () =>
      new Promise((resolve) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        setTimeout(() => {
          inFlight--;
          resolve({ ok: true, output: { verdict: 'clean' } });
        }, latencyMs);
      }),
  };
  const engine = createEngine({ store: new MemoryRunStore(), effects, clock: systemClock, random: seededRandom(1) });
  const event = { items: Array.from({ length: items }, (_, i) => `198.51.100.${i % 256}`) };
  const t0 = performance.now();
  const r = await engine.start(forEachDoc(concurrency), event);
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 'succeeded') throw new Error(`for-each run ${r.status}`);
  return { perSecond: items / seconds, maxInFlight };
}

/** Compile time of a generated graph: the first (cold) call, then the median of warm ones. */
function compileBench(nodes: number, iterations: number): { coldMs: number; medianMs: number; p90Ms: number } {
  const graph = generateChainGraph(nodes);
  const time = () => {
    const t0 = performance.now();
    const r = compileGraph(graph);
    const ms = performance.now() - t0;
    if (r.problems.length > 0 || !r.hash) throw new Error(`generated graph has problems: ${r.problems[0]?.message}`);
    return ms;
  };
  const coldMs = time();
  const warm = Array.from({ length: iterations }, time).sort((a, b) => a - b);
  return {
    coldMs,
    medianMs: warm[Math.floor(iterations / 2)] ?? NaN,
    p90Ms: warm[Math.floor(iterations * 0.9)] ?? NaN,
  };
}

async function main() {
  const figures = startFigures('engine');
  const perStep = await chain(64);
  const perStepEach = await chain(1);
  console.log(`(1) 400-step transform chain, in-memory store: ${perStep.toFixed(2)} µs/step (target ≤ 20)`);
  console.log(`    same, committing after every step:         ${perStepEach.toFixed(2)} µs/step`);
  await fanOut(500, 50, 20); // warm-up
  const fan = await fanOut(10_000, 50, 20);
  const ceiling = await timerCeiling(10_000, 50, 20);
  console.log(
    `(2) for-each 10,000 items, concurrency 50, 20 ms fake: ${Math.round(fan.perSecond)} items/s (target ≥ 2,250; ceiling 2,500), max in flight ${fan.maxInFlight}`,
  );
  console.log(`    timers alone, no engine (this machine's ceiling): ${Math.round(ceiling)} items/s`);
  const compile = compileBench(1_000, 30);
  console.log(
    `(3) compile + validate, generated 1,000-node graph: ${compile.medianMs.toFixed(1)} ms median, p90 ${compile.p90Ms.toFixed(1)} ms (target ≤ 50); first call in the process ${compile.coldMs.toFixed(0)} ms`,
  );
  figures.done([
    {
      figure: 'engine: 400-step transform chain, in-memory store',
      result: `${perStep.toFixed(1)} µs/step`,
      target: '≤ 20 µs/step',
      verdict: verdictOf(perStep <= 20),
      ...(perStep > 20 && {
        note:
          'profile (node --cpu-prof on this benchmark, 2026-12-06): no hot spot of the engine — JSONata evaluation ' +
          '(evaluate/evaluatePath/evaluateStep ~5 %), the in-memory store serialising each commit to JSON as a database ' +
          'would (4 %) and the garbage collector (9 %); the figure moves between 14 and 22 µs/step from run to run at ' +
          'the same load. Next: reuse the stored run record across commits in MemoryRunStore, then profile again.',
      }),
    },
    {
      figure: 'engine: for-each 10,000 items, concurrency 50, 20 ms fake',
      result: `${Math.round(fan.perSecond).toLocaleString('en')} items/s`,
      target: '≥ 2,250 items/s',
      verdict: verdictOf(fan.perSecond >= 2_250),
      floor: `timers alone ${Math.round(ceiling).toLocaleString('en')} items/s (ceiling 2,500)`,
    },
    {
      figure: 'compile + validate, 1,000-node graph',
      result: `median ${compile.medianMs.toFixed(1)} ms, p90 ${compile.p90Ms.toFixed(1)} ms`,
      target: '≤ 50 ms',
      verdict: verdictOf(compile.medianMs <= 50),
    },
  ]);
}

await main();
