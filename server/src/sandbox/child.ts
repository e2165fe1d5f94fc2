/**
 * Entry of an expression sandbox process (bundled into one .mjs by bundle.ts). It says
 * `ready`, then answers one task at a time over IPC. Its heap is capped by the parent
 * (`--max-old-space-size`): running out of memory — even inside V8's JSON or string
 * builders, which take a worker *thread* down with the whole process — ends only this
 * process; the parent fails the step and starts another.
 */
import { createTaskRunner } from './evaluate-task';
import type { ChildMessage, ParentMessage } from './protocol';

const send = (m: ChildMessage) => process.send?.(m);
let runTask: ReturnType<typeof createTaskRunner> | undefined;

process.on('message', (m: ParentMessage) => {
  if (m.type === 'settings') {
    runTask = createTaskRunner(m.settings);
    send({ type: 'ready' });
    return;
  }
  if (!runTask) return;
  void runTask(m.task).then((answer) => send({ type: 'answer', id: m.id, answer }));
});
// The parent's end is ours: no orphan survives it.
process.on('disconnect', () => process.exit(0));
