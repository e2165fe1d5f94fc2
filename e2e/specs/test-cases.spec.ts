/**
 * Playbook QA in the editor: an analyst adds a failure-injection case in the Tests panel
 * (AbuseIPDB answers 503), saves, and sees it red with its first failed assertion; wires
 * the lookup's error port, saves, and sees it green with the error port covered. The
 * reviewer sees the cases and the coverage on the review page.
 */
import { reputationPlaybook } from '../fixtures/documents';
import { expect, test, uniqueName } from '../fixtures/test';
import { EditorPage } from '../pages/EditorPage';
import { ReviewPage } from '../pages/ReviewPage';
import { SimulationPage } from '../pages/SimulationPage';
import { TestsPanel } from '../pages/TestsPanel';

const CLEAN = {
  data: {
    ipAddress: '198.51.100.20',
    isPublic: true,
    ipVersion: 4,
    isWhitelisted: false,
    abuseConfidenceScore: 0,
    countryCode: 'US',
    usageType: 'Fixed Line ISP',
    isp: 'Example Broadband',
    domain: 'broadband.example',
    hostnames: [],
    isTor: false,
    totalReports: 0,
    numDistinctUsers: 0,
    lastReportedAt: null,
  },
};

test('when an analyst adds a case that injects a 503 then it is red until the error port is wired, then green, and the reviewer sees the cases and coverage', async ({
  page,
  loginAs,
  apiAs,
}, testInfo) => {
  test.slow(); // two saves, each waiting for its test run, then a second persona
  const alice = await apiAs('alice');
  const name = uniqueName('E2E cases');
  const { workflowId } = await alice.createWorkflow(
    reputationPlaybook(name, 'abuseipdb-demo', [
      {
        name: 'Clean IP',
        event: { src_ip: '198.51.100.20' },
        fixtures: { check: { output: CLEAN } },
        expect: { status: 'succeeded', reached: ['done'] },
      },
    ]),
    'e2e: a lookup with one case',
  );

  await loginAs(page, 'alice');
  const editor = new EditorPage(page);
  await editor.goto(workflowId);
  await page.getByTestId('open-tests').click();
  const panel = page.getByTestId('tests-panel');
  await expect(panel.getByTestId('case-row-0').getByTestId('case-verdict')).toHaveText(/passed/i);

  // A new case: the lookup fails with 503; the run must still succeed and reach "done".
  // The event is filled in on the trigger schema's form, no JSON typed.
  const cases = new TestsPanel(page);
  await cases.addCase('AbuseIPDB down');
  await expect(cases.event.error('src_ip')).toHaveText('src_ip is required');
  await cases.fillEvent({ src_ip: '203.0.113.9' });
  await expect(cases.event.error('src_ip')).toHaveCount(0);
  await cases.addFixture('check');
  await cases.failFixture('check');
  await cases.expectStatusAndReached('succeeded', 'done');

  // Another case: AbuseIPDB answers "known bad", filled in on the form made from the
  // action's response schema (numbers typed as numbers, a yes/no box), no JSON typed.
  await cases.addCase('Known bad');
  await cases.fillEvent({ src_ip: '203.0.113.66' });
  await cases.addFixture('check');
  await cases.fillOutput('check', {
    ipAddress: '203.0.113.66',
    abuseConfidenceScore: '97',
    totalReports: '12',
    isTor: true,
  });
  await cases.expectStatusAndReached('succeeded', 'done');
  const caseShot = testInfo.outputPath('case-form-as-forms.png');
  await cases.output('check').root.scrollIntoViewIfNeeded();
  await page.screenshot({ path: caseShot });
  await testInfo.attach('a case built on forms', { path: caseShot, contentType: 'image/png' });
  const saved = await editor.save('e2e: a case for AbuseIPDB being down');
  const stored = await alice.get<{ document: { tests: { name: string; fixtures?: unknown }[] } }>(
    `/workflows/${workflowId}/versions/${saved.version}`,
  );
  expect(stored.document.tests.find((c) => c.name === 'Known bad')?.fixtures).toEqual({
    check: { output: { data: { ipAddress: '203.0.113.66', abuseConfidenceScore: 97, totalReports: 12, isTor: true } } },
  });
  await expect(cases.verdict(2)).toHaveText(/passed/i, { timeout: 30_000 });

  // Red: without an error port the failed lookup fails the run.
  const added = panel.getByTestId('case-row-1');
  await expect(added.getByTestId('case-verdict')).toHaveText(/failed/i, { timeout: 30_000 });
  await expect(added.getByTestId('case-first-failure')).toContainText('got failed');
  await expect(panel.getByTestId('coverage-figure')).toContainText('(2/2)');

  // The fix: the lookup's error port leads to "done" too.
  await editor.connect('check', 'error', 'done');
  const fixed = await editor.save('e2e: a failed lookup ends the run quietly');
  await expect(added.getByTestId('case-verdict')).toHaveText(/passed/i, { timeout: 30_000 });
  await expect(panel.getByTestId('case-row-0').getByTestId('case-verdict')).toHaveText(/passed/i);
  await expect(panel.getByTestId('coverage-figure')).toContainText('100');
  await expect(panel.getByTestId('coverage-error-check')).toContainText('AbuseIPDB down');

  // The same version simulated on an event filled in on the trigger's form: left empty, the
  // server's refusal is shown at the field in words; filled in, it runs.
  const sim = new SimulationPage(page);
  await sim.goto(workflowId, fixed.version);
  await sim.newEvent();
  await sim.setFixtures({ check: CLEAN });
  await sim.runButton.click();
  await expect(sim.eventForm.error('src_ip')).toHaveText('src_ip is required');
  await sim.fillEvent({ src_ip: '198.51.100.20' });
  await sim.run();
  await expect(sim.status()).toHaveText('succeeded');
  const simShot = testInfo.outputPath('simulation-event-form.png');
  await page.screenshot({ path: simShot, fullPage: true });
  await testInfo.attach('a simulation event filled in on the form', { path: simShot, contentType: 'image/png' });

  // The reviewer sees both cases green and the coverage on the review page.
  const review = await alice.requestReview(workflowId, fixed.version, ['bob']);
  await page.context().clearCookies();
  await loginAs(page, 'bob');
  const reviewPage = new ReviewPage(page);
  await reviewPage.goto(review.id);
  const tests = reviewPage.root.getByTestId('review-tests');
  await expect(tests.getByTestId('review-case-AbuseIPDB down')).toContainText(/passed/i);
  await expect(tests.getByTestId('review-case-Clean IP')).toContainText(/passed/i);
  await expect(tests.getByTestId('coverage-figure')).toContainText('100');
  await expect(tests.getByTestId('coverage-error-check')).toContainText('AbuseIPDB down');
});
