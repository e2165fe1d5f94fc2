// Preload for the Prisma CLI (`node --require ./prisma/unref-timers.cjs …`), the other
// half of adapter-pg bug 4 (see server/src/db/migrate-adapter.ts): the wasm schema
// engine leaves 10 s and 60 s timers behind after a command succeeds, and they hold
// the process open (`migrate dev` took 62 s instead of 2.5 s). Timers of 5 s or more
// are unref'd: they still fire while the command has work pending, but they no longer
// keep a finished command alive.
'use strict';

const LONG_MS = 5000;

for (const name of ['setTimeout', 'setInterval']) {
  const original = globalThis[name];
  globalThis[name] = Object.assign(function (callback, delay, ...args) {
    const timer = original.call(this, callback, delay, ...args);
    if (Number(delay) >= LONG_MS && timer && typeof timer.unref === 'function') timer.unref();
    return timer;
  }, original);
}
