import { PolicyEffect, type GuardMatcher, type PolicyRule, type StepMatcher } from '@autonomic/workflow';
import { FieldError, invalidProps } from './FieldError';
import type { FieldErrors } from './fieldErrors';
import { ListEditor, listPaths } from './ListEditor';

const R = 'body.rule';
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

type HttpMethod = (typeof HTTP_METHODS)[number];

interface Props<K extends PolicyRule['kind']> {
  rule: Extract<PolicyRule, { kind: K }>;
  onChange(rule: PolicyRule): void;
  errors: FieldErrors;
}

/** Adds or removes one item of a set kept in a fixed order. */
function toggled<T>(all: readonly T[], chosen: readonly T[], item: T, on: boolean): T[] {
  return all.filter((x) => (x === item ? on : chosen.includes(x)));
}

/** Which steps a rule is about: effect classes (none ticked: any) and node types (none: any). */
function StepMatcherFields({
  value,
  onChange,
  errors,
}: {
  value: StepMatcher;
  onChange(v: StepMatcher): void;
  errors: FieldErrors;
}) {
  const effects = value.effects ?? [];
  const setEffects = (next: PolicyEffect[]) => {
    const { effects: _drop, ...rest } = value;
    onChange(next.length ? { ...rest, effects: next } : rest);
  };
  const setTypes = (next: string[]) => {
    const { types: _drop, ...rest } = value;
    onChange(next.length ? { ...rest, types: next } : rest);
  };
  return (
    <fieldset>
      <legend>Steps it is about</legend>
      <FieldError errors={errors} path={`${R}.steps`} />
      <div role="group" aria-label="Effect classes (none ticked: any)">
        {PolicyEffect.options.map((e) => (
          <label key={e} className="inline">
            <input
              type="checkbox"
              checked={effects.includes(e)}
              onChange={(ev) => setEffects(toggled(PolicyEffect.options, effects, e, ev.target.checked))}
            />{' '}
            {e}
          </label>
        ))}
        <FieldError errors={errors} path={`${R}.steps.effects`} />
      </div>
      <ListEditor
        label="Node types (none: any)"
        values={value.types ?? []}
        onChange={setTypes}
        errors={errors}
        path={`${R}.steps.types`}
        placeholder="connector"
      />
    </fieldset>
  );
}

/** One guard: the step type, the ports a path must leave it by, and the field it must read. */
function GuardFields({
  guard,
  index,
  onChange,
  onRemove,
  errors,
}: {
  guard: GuardMatcher;
  index: number;
  onChange(g: GuardMatcher): void;
  onRemove(): void;
  errors: FieldErrors;
}) {
  const at = `${R}.guards.${index}`;
  const { reads, ports, ...base } = guard;
  return (
    <fieldset className="guard" aria-label={`Guard ${index + 1}`}>
      <legend>Guard {index + 1}</legend>
      <FieldError errors={errors} path={at} />
      <label>
        Step type
        <input
          value={guard.type}
          onChange={(e) => onChange({ ...guard, type: e.target.value })}
          {...invalidProps(errors, `${at}.type`)}
        />
        <FieldError errors={errors} path={`${at}.type`} />
      </label>
      <ListEditor
        label={`Ports of guard ${index + 1} (none: any)`}
        values={ports ?? []}
        onChange={(next) => onChange({ ...base, ...(reads ? { reads } : {}), ...(next.length ? { ports: next } : {}) })}
        errors={errors}
        path={`${at}.ports`}
        placeholder="approved"
      />
      <label className="inline">
        <input
          type="checkbox"
          checked={reads !== undefined}
          onChange={(e) =>
            onChange({
              ...base,
              ...(ports ? { ports } : {}),
              ...(e.target.checked ? { reads: { type: 'safety-lookup', field: 'autoOk' } } : {}),
            })
          }
        />{' '}
        Must read a field of an upstream step
      </label>
      {reads && (
        <span className="reads">
          <label>
            Upstream step type
            <input
              value={reads.type}
              onChange={(e) => onChange({ ...guard, reads: { ...reads, type: e.target.value } })}
              {...invalidProps(errors, `${at}.reads.type`)}
            />
            <FieldError errors={errors} path={`${at}.reads.type`} />
          </label>
          <label>
            Field
            <input
              value={reads.field}
              onChange={(e) => onChange({ ...guard, reads: { ...reads, field: e.target.value } })}
              {...invalidProps(errors, `${at}.reads.field`)}
            />
            <FieldError errors={errors} path={`${at}.reads.field`} />
          </label>
        </span>
      )}
      <button type="button" onClick={onRemove} aria-label={`Remove guard ${index + 1}`}>
        Remove guard
      </button>
    </fieldset>
  );
}

function GuardedFields({ rule, onChange, errors }: Props<'guarded'>) {
  const setGuard = (i: number, g: GuardMatcher) =>
    onChange({ ...rule, guards: rule.guards.map((x, j) => (j === i ? g : x)) });
  return (
    <>
      <StepMatcherFields value={rule.steps} onChange={(steps) => onChange({ ...rule, steps })} errors={errors} />
      <fieldset>
        <legend>Every path from the trigger to such a step passes one of these guards</legend>
        <FieldError errors={errors} path={`${R}.guards`} />
        {rule.guards.map((g, i) => (
          <GuardFields
            key={i}
            guard={g}
            index={i}
            errors={errors}
            onChange={(next) => setGuard(i, next)}
            onRemove={() => onChange({ ...rule, guards: rule.guards.filter((_, j) => j !== i) })}
          />
        ))}
        <button type="button" onClick={() => onChange({ ...rule, guards: [...rule.guards, { type: 'approval' }] })}>
          Add a guard
        </button>
      </fieldset>
    </>
  );
}

function ErrorHandledFields({ rule, onChange, errors }: Props<'error-handled'>) {
  return (
    <>
      <StepMatcherFields value={rule.steps} onChange={(steps) => onChange({ ...rule, steps })} errors={errors} />
      <label>
        Port that must be wired
        <input
          value={rule.port}
          onChange={(e) => onChange({ ...rule, port: e.target.value })}
          {...invalidProps(errors, `${R}.port`)}
        />
        <FieldError errors={errors} path={`${R}.port`} />
      </label>
    </>
  );
}

function LoopLimitedFields({ rule, onChange, errors }: Props<'loop-limited'>) {
  const { maxPerRun, ...rest } = rule;
  return (
    <>
      <StepMatcherFields value={rule.steps} onChange={(steps) => onChange({ ...rule, steps })} errors={errors} />
      <ListEditor
        label="Loop step types"
        values={rule.loops}
        onChange={(loops) => onChange({ ...rule, loops })}
        errors={errors}
        path={`${R}.loops`}
        placeholder="foreach"
      />
      <label>
        At most this many per run (empty: any limit the workflow sets)
        <input
          type="number"
          min={1}
          step={1}
          value={maxPerRun ?? ''}
          onChange={(e) => onChange(e.target.value === '' ? rest : { ...rest, maxPerRun: Number(e.target.value) })}
          {...invalidProps(errors, `${R}.maxPerRun`)}
        />
        <FieldError errors={errors} path={`${R}.maxPerRun`} />
      </label>
    </>
  );
}

function HttpHostsFields({ rule, onChange, errors }: Props<'http-hosts'>) {
  return (
    <>
      <div role="group" aria-label="HTTP methods the rule is about">
        <span>HTTP methods</span>{' '}
        {HTTP_METHODS.map((m) => (
          <label key={m} className="inline">
            <input
              type="checkbox"
              checked={rule.methods.includes(m)}
              onChange={(e) =>
                onChange({ ...rule, methods: toggled<HttpMethod>(HTTP_METHODS, rule.methods, m, e.target.checked) })
              }
            />{' '}
            {m}
          </label>
        ))}
        <FieldError errors={errors} path={`${R}.methods`} />
      </div>
      <ListEditor
        label="Allowed hosts"
        values={rule.allow}
        onChange={(allow) => onChange({ ...rule, allow })}
        errors={errors}
        path={`${R}.allow`}
        placeholder="api.example.com or *.example.com"
      />
    </>
  );
}

/** The form of one rule kind. */
export function RuleFields({
  rule,
  onChange,
  errors,
}: {
  rule: PolicyRule;
  onChange(r: PolicyRule): void;
  errors: FieldErrors;
}) {
  switch (rule.kind) {
    case 'guarded':
      return <GuardedFields rule={rule} onChange={onChange} errors={errors} />;
    case 'error-handled':
      return <ErrorHandledFields rule={rule} onChange={onChange} errors={errors} />;
    case 'loop-limited':
      return <LoopLimitedFields rule={rule} onChange={onChange} errors={errors} />;
    case 'http-hosts':
      return <HttpHostsFields rule={rule} onChange={onChange} errors={errors} />;
  }
}

const matcherPaths = (m: StepMatcher) => [
  `${R}.steps`,
  `${R}.steps.effects`,
  ...listPaths(`${R}.steps.types`, m.types ?? []),
];

/** Every error path the form of this rule shows at a field (the rest are listed apart). */
export function rulePaths(rule: PolicyRule): Set<string> {
  switch (rule.kind) {
    case 'guarded':
      return new Set([
        ...matcherPaths(rule.steps),
        `${R}.guards`,
        ...rule.guards.flatMap((g, i) => {
          const at = `${R}.guards.${i}`;
          return [
            at,
            `${at}.type`,
            `${at}.reads.type`,
            `${at}.reads.field`,
            ...listPaths(`${at}.ports`, g.ports ?? []),
          ];
        }),
      ]);
    case 'error-handled':
      return new Set([...matcherPaths(rule.steps), `${R}.port`]);
    case 'loop-limited':
      return new Set([...matcherPaths(rule.steps), ...listPaths(`${R}.loops`, rule.loops), `${R}.maxPerRun`]);
    case 'http-hosts':
      return new Set([`${R}.methods`, ...listPaths(`${R}.allow`, rule.allow)]);
  }
}

/** What a new rule of a kind starts as (the defaults' shape). */
export function newRule(kind: PolicyRule['kind']): PolicyRule {
  const steps: StepMatcher = { effects: ['destructive'] };
  switch (kind) {
    case 'guarded':
      return { kind, steps, guards: [{ type: 'approval', ports: ['approved'] }] };
    case 'error-handled':
      return { kind, steps, port: 'error' };
    case 'loop-limited':
      return { kind, steps, loops: ['foreach'] };
    case 'http-hosts':
      return { kind, methods: ['POST', 'PUT', 'PATCH', 'DELETE'], allow: [] };
  }
}
