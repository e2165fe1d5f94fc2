import { defineConfig } from 'vitest/config';

/**
 * The tests `npm run test:mutation` runs against each mutant of the guard modules (see
 * stryker.config.mjs): the suites aimed at safety, the effect guard, webhook signatures
 * and nonces, the authenticator and CSRF, the review policy, the address policy,
 * redaction and engine resume. Not `npm test`'s configuration.
 */
export default defineConfig({
  test: {
    // Focused suites only: a mutant runs the tests that cover it, and a slow suite that
    // reaches a guard module in passing (a live run, an HTTP round trip) would run for
    // hundreds of mutants. Those guards' end-to-end tests stay in `npm test`.
    include: [
      'server/test/guards/resume.test.ts',
      'server/test/guards/review-policy.test.ts',
      'server/test/guards/review-approval.test.ts',
      'server/test/guards/net.test.ts',
      'server/test/guards/redaction-errors.test.ts',
      'server/test/guards/signature.test.ts',
      'server/test/guards/authenticator.test.ts',
      'server/test/engine/safety.test.ts',
      'server/test/engine/durability.test.ts',
      'server/test/engine/parallel.test.ts',
      'server/test/engine/foreach.test.ts',
      'server/test/ops/address-policy.test.ts',
      'server/test/ops/redaction.test.ts',
      'server/test/ops/blast-radius.test.ts',
    ],
    testTimeout: 30_000,
    globalSetup: ['server/test/global-setup.ts'],
  },
});
