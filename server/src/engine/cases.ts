import {
  coverageOf,
  type CaseSafetyEntry,
  type Coverage,
  type TestCase,
  type WorkflowDocument,
} from '@autonomic/workflow';
import type { CaseResult } from '@autonomic/api';
import { checkExpectation } from './cases-assert';
import { DEFAULT_LIMITS, type EngineLimits } from './env';
import { DEFAULT_EXPRESSION_LIMITS, Expressions, type ExpressionEvaluator } from './expressions';
import type { WorkflowResolver } from './ports';
import { SafetyEntry, type SafetyList } from './safety';
import type { SimulatedConnectors } from './simulated-effects';
import { simulate, type SimulationResult } from './simulation';

/**
 * Test cases of a document, run through the real engine in simulation: the case's
 * fixtures answer instead of the outside world, its approvals decide, its safety entries
 * join the organisation's lists, and its assertions are checked against the run. Nothing
 * is sent: no live read, no credential.
 */
export interface CaseRunOptions {
  /** Examples of pinned actions; NEVER live reads, never a credential. */
  connectors?: SimulatedConnectors;
  /** The organisation's lists; the case's entries are added. */
  safety?: SafetyList;
  /** Sub-workflows (published documents). */
  workflows?: WorkflowResolver;
  expressions?: ExpressionEvaluator;
  limits?: Partial<EngineLimits>;
  startAt?: number;
  /** Problems of the event against the trigger's input schema (the live check); non-empty = the case fails unrun. */
  eventProblems?: (event: unknown) => string[];
}

export interface CaseOutcome {
  result: Omit<CaseResult, 'runId'>;
  /** Absent when the case could not run (event misfit, bad safety entry). */
  simulation?: SimulationResult;
}

/** Runs one case and checks its assertions; a case that cannot run fails with why. */
export async function runCase(
  doc: WorkflowDocument,
  testCase: TestCase,
  opts: CaseRunOptions = {},
): Promise<CaseOutcome> {
  const problems = opts.eventProblems?.(testCase.event) ?? [];
  if (problems.length > 0) {
    return unrun(testCase, `the event does not fit the trigger's input schema: ${problems.join('; ')}`);
  }
  const safety = caseSafety(testCase, opts.safety ?? { protected: [], autoOk: [] });
  if (typeof safety === 'string') return unrun(testCase, safety);
  let sim: SimulationResult;
  try {
    sim = await simulate(doc, testCase.event, {
      fixtures: testCase.fixtures,
      approvals: testCase.approvals,
      approvalPolicy: 'approved',
      safety,
      ...(opts.connectors ? { connectors: opts.connectors } : {}),
      ...(opts.workflows ? { workflows: opts.workflows } : {}),
      ...(opts.expressions ? { expressions: opts.expressions } : {}),
      ...(opts.limits ? { limits: opts.limits } : {}),
      ...(opts.startAt === undefined ? {} : { startAt: opts.startAt }),
    });
  } catch (e) {
    return unrun(testCase, `the simulation broke: ${e instanceof Error ? e.message : String(e)}`);
  }
  const expressions = opts.expressions ?? new Expressions(DEFAULT_EXPRESSION_LIMITS, () => sim.finishedAt);
  const limitMs = opts.limits?.runExpressionBudgetMs ?? DEFAULT_LIMITS.runExpressionBudgetMs;
  const assertions = await checkExpectation(testCase.expect, sim, {
    expressions,
    budget: { limitMs, spentMs: 0 },
    now: sim.finishedAt,
  });
  const failed = assertions.find((a) => !a.passed);
  const result: CaseOutcome['result'] = {
    name: testCase.name,
    passed: failed === undefined,
    assertions,
    warnings: madeUpWarnings(sim),
    status: sim.status,
    path: sim.path,
    effects: sim.effects,
    durationMs: sim.durationMs,
  };
  if (failed) result.firstFailure = `${failed.assertion}: ${failed.detail ?? 'does not hold'}`;
  return { result, simulation: sim };
}

/** Every case of the document, one after the other, and the coverage of them all. */
export async function runCases(
  doc: WorkflowDocument,
  opts: CaseRunOptions = {},
): Promise<{ outcomes: CaseOutcome[]; coverage: Coverage }> {
  const outcomes: CaseOutcome[] = [];
  for (const testCase of doc.tests) outcomes.push(await runCase(doc, testCase, opts));
  const coverage = coverageOf(
    doc,
    outcomes.map(({ result, simulation }) => ({
      name: result.name,
      attempts: simulation ? simulation.trace.filter((a) => a.runId === simulation.runId) : [],
    })),
  );
  return { outcomes, coverage };
}

/** The organisation's lists plus the case's entries, or why an entry is not one (a bad IP). */
function caseSafety(testCase: TestCase, org: SafetyList): SafetyList | string {
  const parse = (list: 'protected' | 'autoOk', entries: readonly CaseSafetyEntry[]) => {
    const parsed: SafetyEntry[] = [];
    for (const [i, entry] of entries.entries()) {
      const r = SafetyEntry.safeParse(entry);
      if (!r.success) {
        const why = r.error.issues.map((issue) => issue.message).join('; ');
        return `safety.${list}[${i}] (${entry.kind} ${entry.value}) is not a valid entry: ${why}`;
      }
      parsed.push(r.data);
    }
    return parsed;
  };
  const prot = parse('protected', testCase.safety?.protected ?? []);
  if (typeof prot === 'string') return prot;
  const ok = parse('autoOk', testCase.safety?.autoOk ?? []);
  if (typeof ok === 'string') return ok;
  return { ...org, protected: [...org.protected, ...prot], autoOk: [...org.autoOk, ...ok] };
}

/**
 * The notes of steps that answered with made-up values (no fixture and no example), once
 * each; a sub-workflow's too, since its answers feed the case's run.
 */
function madeUpWarnings(sim: SimulationResult): string[] {
  const madeUp = new Set(sim.trace.filter((a) => a.source === 'default').map((a) => a.stepKey));
  const warnings = sim.notes.filter((n) => madeUp.has(n.stepKey)).map((n) => `${n.stepKey}: ${n.message}`);
  return [...new Set(warnings)];
}

function unrun(testCase: TestCase, why: string): CaseOutcome {
  return {
    result: {
      name: testCase.name,
      passed: false,
      firstFailure: why,
      assertions: [],
      warnings: [],
      path: [],
      effects: [],
      durationMs: 0,
    },
  };
}
