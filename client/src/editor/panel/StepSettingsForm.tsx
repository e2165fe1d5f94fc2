import { Duration, RetryPolicy } from '@autonomic/workflow';
import { useMemo } from 'react';
import { z } from 'zod';
import { GeneratedForm } from './GeneratedForm';
import type { PanelProblem, Path } from './problems';
import { asSchema, isRecord, type JsonSchema } from './schema';

/** A step's settings besides its params, as the node's data holds them. */
export type StepSettingsValue = { label?: string; retry?: unknown; timeout?: string };

export interface StepSettingsFormProps {
  value: StepSettingsValue;
  onChange(value: StepSettingsValue): void;
  /** The node's problems; those at `label`, `timeout` and `retry.*` are shown. */
  problems: readonly PanelProblem[];
  readOnly?: boolean;
  /** Shown while the label is empty: the node type's label, which the document falls back to. */
  defaultLabel?: string;
  /** Triggers have a label but no retry policy or timeout. */
  labelOnly?: boolean;
}

const HELP: Record<string, string> = {
  label: 'Shown on the canvas and in run history. Expressions refer to the step id, so renaming is safe.',
  timeout: 'How long one attempt may take before it fails with a "timeout" error. Empty: no limit.',
  retry: 'How a failed attempt is tried again. Not set: no retry.',
  maxAttempts: 'Attempts in all, the first one included (1 = no retry).',
  initialDelayMs: 'Wait before the second attempt, in milliseconds.',
  multiplier: 'Each further wait is the previous one times this.',
  maxDelayMs: 'No wait grows longer than this, in milliseconds.',
  jitter: 'Spreads each wait by ± this ratio (0.2 = ±20%) so that retries do not arrive together.',
  retryOn: 'The error kinds worth another attempt; any other error fails the step at once.',
};

const TITLES: Record<string, string> = { retry: 'Retry policy', timeout: 'Timeout per attempt' };

/** Adds the help texts and titles above to the properties (and nested properties) they name. */
function withHelp(schema: JsonSchema): JsonSchema {
  const props = asSchema(schema['properties']);
  const next = Object.fromEntries(
    Object.entries(props).map(([k, raw]) => {
      const s = asSchema(raw);
      const nested = isRecord(s['properties']) ? withHelp(s) : s;
      return [k, { ...nested, ...(HELP[k] ? { help: HELP[k] } : {}), ...(TITLES[k] ? { title: TITLES[k] } : {}) }];
    }),
  );
  return { ...schema, properties: next };
}

const STEP = withHelp(
  asSchema(
    z.toJSONSchema(
      z.object({ label: z.string().max(120).optional(), timeout: Duration.optional(), retry: RetryPolicy.optional() }),
      {
        io: 'input',
      },
    ),
  ),
);
const LABEL_ONLY: JsonSchema = { ...STEP, properties: { label: asSchema(STEP['properties']).label } };
const BASE: Path = [];
const NO_COMPLETIONS: never[] = [];

function toValue(v: Record<string, unknown>): StepSettingsValue {
  return {
    ...(typeof v['label'] === 'string' ? { label: v['label'] } : {}),
    ...(typeof v['timeout'] === 'string' ? { timeout: v['timeout'] } : {}),
    ...(v['retry'] === undefined ? {} : { retry: v['retry'] }),
  };
}

/**
 * A step's label, timeout and retry policy, generated like the params form from the
 * workflow's own `RetryPolicy` and `Duration` schemas.
 */
export function StepSettingsForm({
  value,
  onChange,
  problems,
  readOnly = false,
  defaultLabel,
  labelOnly,
}: StepSettingsFormProps) {
  const schema = useMemo(() => {
    const base = labelOnly ? LABEL_ONLY : STEP;
    if (!defaultLabel) return base;
    const props = asSchema(base['properties']);
    return { ...base, properties: { ...props, label: { ...asSchema(props['label']), default: defaultLabel } } };
  }, [labelOnly, defaultLabel]);
  return (
    <GeneratedForm
      schema={schema}
      base={BASE}
      value={{ ...value }}
      onChange={(v) => onChange(toValue(v))}
      completions={NO_COMPLETIONS}
      problems={problems}
      readOnly={readOnly}
      label="Step settings"
      emptyText="No settings."
    />
  );
}
