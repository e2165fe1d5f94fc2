import { fieldWords, friendlyMessage, TestCase } from '@autonomic/workflow';
import type { z } from 'zod';
import { useMemo, useState } from 'react';
import { useEditor } from '../../editor';
import { updateTestCase, type TestCaseDraft } from '../../editor/commands';
import { ApprovalsEditor } from './ApprovalsEditor';
import { AssertionsEditor } from './AssertionsEditor';
import { approvalStepOptions, fixtureStepOptions, problemsOfCase, shapeOf, stepOptions } from './caseDraft';
import { SchemaForm } from '../../forms/SchemaForm';
import { FixturesEditor } from '../../forms/fixtures/FixturesEditor';
import { JsonText } from '../../forms/fixtures/JsonText';
import { outputShapeOf } from '../../forms/fixtures/outputShape';
import { SafetyEditor } from './SafetyEditor';

/** A problem of the case's JSON in words: the field named, zod's defaults rewritten ("Name is required"). */
function issueWords(issue: z.core.$ZodIssue): string {
  const message = friendlyMessage(issue);
  const place = issue.path.length > 0 ? fieldWords(issue.path) : 'The case';
  return message.toLowerCase().startsWith(place.toLowerCase()) ? message : `${place}: ${message}`;
}

/**
 * One test case as a form (name, event, fixtures, approvals, safety entries, assertions)
 * or, for experts, as JSON. Every change is an editor command on the case, so it undoes
 * and makes the document dirty like any other; the validator's problems of the case are
 * shown at its top.
 */
export function CaseForm({ index, onClose }: { index: number; onClose(): void }) {
  const testCase = useEditor((s) => s.tests[index]);
  const nodes = useEditor((s) => s.nodes);
  const connectors = useEditor((s) => s.connectors);
  const allProblems = useEditor((s) => s.problems);
  const readOnly = useEditor((s) => s.readOnly);
  const run = useEditor((s) => s.run);
  const [asJson, setAsJson] = useState(false);
  const [jsonIssues, setJsonIssues] = useState<string[]>([]);
  const steps = useMemo(() => stepOptions(nodes), [nodes]);
  const callsOut = useMemo(() => fixtureStepOptions(nodes), [nodes]);
  const approvalSteps = useMemo(() => approvalStepOptions(nodes), [nodes]);
  const problems = useMemo(() => problemsOfCase(allProblems, index), [allProblems, index]);
  const inputSchema = useMemo(() => nodes.find((n) => n.type === 'trigger')?.data.inputSchema, [nodes]);
  const outputShape = useMemo(() => {
    const byId = new Map(nodes.map((n) => [n.id, n]));
    return (stepId: string) => outputShapeOf(byId.get(stepId), connectors);
  }, [nodes, connectors]);
  if (!testCase) return null;

  const write = (next: TestCaseDraft, field: keyof TestCaseDraft | 'json') =>
    run(
      updateTestCase,
      { index, testCase: next },
      { coalesce: `tests:${index}:${field}:${field === 'json' ? '' : shapeOf(next[field])}` },
    );

  return (
    <section className="case-form node-panel" aria-label={`Test case ${testCase.name}`} data-testid="case-form">
      <div className="drawer-head">
        <h3>Case</h3>
        <span>
          <button
            type="button"
            aria-pressed={asJson}
            onClick={() => setAsJson((j) => !j)}
            data-testid="case-json-toggle"
          >
            {asJson ? 'Form' : 'JSON'}
          </button>{' '}
          <button type="button" onClick={onClose} aria-label="Close the case">
            ×
          </button>
        </span>
      </div>
      {problems.length > 0 && (
        <ul className="pf-problem" data-testid="case-problems" aria-label="Problems of this case">
          {problems.map((p, i) => (
            <li key={`${p.path}-${i}`}>{p.message}</li>
          ))}
        </ul>
      )}
      {asJson ? (
        <>
          <JsonText
            label="The case as JSON"
            rows={20}
            value={testCase}
            readOnly={readOnly}
            testId="case-json"
            onChange={(v) => {
              // Written only when it is a case at all; what the validator says is shown above.
              const parsed = TestCase.safeParse(v);
              setJsonIssues(parsed.success ? [] : parsed.error.issues.map(issueWords));
              if (parsed.success) write(parsed.data, 'json');
            }}
          />
          {jsonIssues.length > 0 && (
            <ul className="field-error" role="alert" data-testid="case-json-issues">
              {jsonIssues.slice(0, 5).map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <>
          <label>
            Name
            <input
              value={testCase.name}
              readOnly={readOnly}
              required
              maxLength={120}
              data-testid="case-name"
              onChange={(e) => write({ ...testCase, name: e.target.value }, 'name')}
            />
          </label>
          <label>
            Description <span className="muted">optional</span>
            <input
              value={testCase.description ?? ''}
              readOnly={readOnly}
              maxLength={2000}
              onChange={(e) => {
                const { description: _gone, ...rest } = testCase;
                write(e.target.value ? { ...rest, description: e.target.value } : rest, 'description');
              }}
            />
          </label>
          <fieldset className="case-section" data-testid="case-event-section">
            <legend>The event</legend>
            <SchemaForm
              key={`event-${index}`}
              schema={inputSchema}
              value={testCase.event}
              onChange={(event) => write({ ...testCase, event: event ?? {} }, 'event')}
              label="Event"
              testId="case-event"
              readOnly={readOnly}
              showAllProblems
              noFields="The trigger declares no event fields (add them on the trigger): write the event in the JSON view."
            />
          </fieldset>
          <FixturesEditor
            fixtures={testCase.fixtures ?? {}}
            steps={callsOut}
            shapeOf={outputShape}
            readOnly={readOnly}
            onChange={(fixtures) => write({ ...testCase, fixtures }, 'fixtures')}
          />
          <ApprovalsEditor
            approvals={testCase.approvals ?? {}}
            steps={approvalSteps}
            readOnly={readOnly}
            onChange={(approvals) => write({ ...testCase, approvals }, 'approvals')}
          />
          <SafetyEditor
            safety={testCase.safety}
            readOnly={readOnly}
            onChange={(safety) => {
              const { safety: _gone, ...rest } = testCase;
              write(safety ? { ...rest, safety } : rest, 'safety');
            }}
          />
          <AssertionsEditor
            expect={testCase.expect ?? {}}
            steps={steps}
            readOnly={readOnly}
            onChange={(expect) => write({ ...testCase, expect }, 'expect')}
          />
        </>
      )}
    </section>
  );
}
