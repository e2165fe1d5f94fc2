import type { EditorGraph } from '@autonomic/workflow';
import type { Command } from '../types';
import { sameJson } from './helpers';

export type Tests = NonNullable<EditorGraph['tests']>;
export type TestCaseDraft = Tests[number];

/** Replaces the workflow's test cases (run on every saved version; the review policy reads their results). */
export const setTests: Command<{ tests: Tests }> = (graph, { tests }) =>
  sameJson(tests, graph.tests) ? graph : { ...graph, tests };

/** Replaces the case at `index` (the graph unchanged when there is none or it is the same). */
export const updateTestCase: Command<{ index: number; testCase: TestCaseDraft }> = (graph, { index, testCase }) =>
  index < 0 || index >= graph.tests.length
    ? graph
    : setTests(graph, { tests: graph.tests.map((c, i) => (i === index ? testCase : c)) });
