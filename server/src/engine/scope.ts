import type { StepError } from './errors';
import type { ExpressionInput, StepView } from './expressions';
import type { LoopItem, LoopState } from './state';

type StepOutputs = Record<string, StepView>;

/**
 * What a completed step shows to expressions: its output, and the error it failed with
 * when it took its `error` port (kind, message and HTTP status; not engine internals).
 */
export function stepView(output: unknown, error: StepError | undefined): StepView {
  if (!error) return { output };
  const exposed: StepView['error'] = { kind: error.kind, message: error.message };
  if (error.status !== undefined) exposed.status = error.status;
  return { output, error: exposed };
}

/**
 * Where tokens live: the run itself (id '') or one item of a for-each. A scope counts its
 * live tokens and pending joins so the engine knows when an item (or the run) is done.
 */
export interface Scope {
  id: string;
  path: number[];
  steps: StepOutputs;
  input: ExpressionInput;
  live: number;
  pendingJoins: number;
  loop?: LoopState;
  item?: LoopItem;
}

export function rootScope(event: unknown, vars: Record<string, unknown>): Scope {
  const steps: StepOutputs = {};
  return { id: '', path: [], steps, input: { event, steps, vars }, live: 0, pendingJoins: 0 };
}

/**
 * The scope of one for-each item, or of one round of a repeat-until loop (`loop.round`
 * added to an enclosing item's `item`/`index`). An enclosing round's `loop` and the
 * exception handler's `failure` stay visible inside.
 */
export function itemScope(parent: Scope, loop: LoopState, item: LoopItem, value: unknown): Scope {
  const steps = layered(parent.steps);
  const { event, vars, failure } = parent.input;
  const input: ExpressionInput = { event, steps, vars };
  if (loop.kind === 'rounds') {
    input.loop = { round: item.index + 1 };
    // A loop inside a for-each item still sees that item.
    if ('item' in parent.input) input.item = parent.input.item;
    if (parent.input.index !== undefined) input.index = parent.input.index;
  } else {
    input.item = value;
    input.index = item.index;
    if (parent.input.loop) input.loop = parent.input.loop;
  }
  if (failure) input.failure = failure;
  return {
    id: `${loop.key}#${item.index}`,
    path: [...parent.path, item.index],
    steps,
    input,
    live: 0,
    pendingJoins: 0,
    loop,
    item,
  };
}

/**
 * An item's view of `steps`: its own body outputs over the enclosing scope's, without
 * copying the enclosing scope (a 10,000-item loop after 400 steps copies nothing).
 * JSONata looks names up with `hasOwnProperty`, hence a proxy rather than a prototype.
 */
function layered(parent: StepOutputs): StepOutputs {
  const own: StepOutputs = {};
  return new Proxy(own, {
    get: (target, key) => (Object.hasOwn(target, key) ? Reflect.get(target, key) : Reflect.get(parent, key)),
    has: (target, key) => Reflect.has(target, key) || Reflect.has(parent, key),
    getOwnPropertyDescriptor: (target, key) => {
      const d = Reflect.getOwnPropertyDescriptor(target, key) ?? Reflect.getOwnPropertyDescriptor(parent, key);
      return d ? { ...d, configurable: true } : undefined;
    },
    ownKeys: (target) => [...new Set([...Reflect.ownKeys(parent), ...Reflect.ownKeys(target)])],
  });
}
