import { mapCommand, manualTask, type CommandContext } from './import-commands';
import { cacao, labelOf, type DraftNode, type KeyNote, type MappedStep } from './draft';
import { stixToJsonata, unmappedPredicate } from './stix';
import type { CacaoStep } from './model';

export interface StepContext extends CommandContext {
  /** A workflow id for a CACAO playbook id, when the caller knows it. */
  resolvePlaybook?: (playbookId: string) => string | undefined;
}

function actionStep(id: string, s: CacaoStep, ctx: StepContext): MappedStep {
  const commands = s.commands ?? [];
  const label = labelOf(s.name, 'Action');
  if (commands.length === 0) {
    const node: DraftNode = {
      id,
      type: 'approval',
      label,
      params: manualTask(s.description ?? label, s.timeout),
      ports: {
        approved: cacao(s.on_completion ?? s.on_success),
        rejected: cacao(s.on_failure),
        timeout: cacao(s.on_failure),
      },
    };
    return {
      nodes: [node],
      entry: id,
      keys: {},
      status: 'unsupported',
      message: 'an action without commands: a manual task (an Approval) with its description',
    };
  }
  const keys: Record<string, KeyNote> = {};
  const nodes: DraftNode[] = commands.map((cmd, i) => {
    const mapped = mapCommand(cmd, s, ctx);
    keys[`commands/${i}`] = { status: mapped.status, message: mapped.message };
    const nodeId = i === 0 ? id : `${id.slice(0, 60)}_${i + 1}`;
    return {
      id: nodeId,
      type: mapped.type,
      label: i === 0 ? label : labelOf(`${label} (${i + 1})`, label),
      params: mapped.params,
      ports: {},
    };
  });
  nodes.forEach((n, i) => {
    const next = nodes[i + 1];
    const onward = next ? [{ node: next.id }] : cacao(s.on_completion ?? s.on_success);
    n.ports =
      n.type === 'approval'
        ? { approved: onward, rejected: cacao(s.on_failure), timeout: cacao(s.on_failure) }
        : { out: onward, error: cacao(s.on_failure) };
  });
  const worst = Object.values(keys).some((k) => k.status === 'unsupported')
    ? 'unsupported'
    : Object.values(keys).some((k) => k.status === 'approximated') || nodes.length > 1
      ? 'approximated'
      : 'mapped';
  const message =
    nodes.length > 1
      ? `an action with ${nodes.length} commands becomes ${nodes.length} steps in a row (${nodes.map((n) => n.id).join(' → ')})`
      : `an action: ${nodes[0]?.type === 'http' ? 'an HTTP request step' : 'an Approval (manual task)'}`;
  return { nodes, entry: id, keys, status: worst, message };
}

function condition(pattern: string, ctx: StepContext, negate: boolean): { predicate: string; note: KeyNote } {
  const r = stixToJsonata(pattern, ctx.scope);
  if (!r.ok)
    return {
      predicate: unmappedPredicate(pattern),
      note: {
        status: 'unsupported',
        message: `the STIX pattern "${pattern}" is not mapped (${r.reason}); the step's expression shows a problem until it is rewritten`,
      },
    };
  const predicate = negate ? `$not(${r.expression})` : r.expression;
  const from = r.fromEvent ? '; STIX object properties are read from the trigger event (event.`type`.property)' : '';
  return {
    predicate,
    note: {
      status: r.fromEvent ? 'approximated' : 'mapped',
      message: `the STIX pattern "${pattern}" as the expression ${predicate}${from}`,
    },
  };
}

export function mapStep(id: string, s: CacaoStep, ctx: StepContext): MappedStep {
  const label = labelOf(s.name, s.type);
  const one = (
    node: Omit<DraftNode, 'id' | 'label'>,
    keys: Record<string, KeyNote>,
    status: MappedStep['status'],
    message: string,
  ): MappedStep => ({ nodes: [{ id, label, ...node }], entry: id, keys, status, message });
  switch (s.type) {
    case 'action':
    case 'single':
      return actionStep(id, s, ctx);
    case 'end':
      return one(
        { type: 'end', params: { status: 'succeeded', message: '' }, ports: {} },
        {},
        'mapped',
        'an End step (the run succeeds)',
      );
    case 'if-condition': {
      const c = condition(s.condition ?? '', ctx, false);
      return one(
        {
          type: 'condition',
          params: { predicate: c.predicate },
          ports: { true: cacao(s.on_true), false: cacao(s.on_false ?? s.on_completion), error: cacao(s.on_failure) },
        },
        {
          condition: c.note,
          on_true: { status: 'mapped', message: 'the "true" port' },
          on_false: { status: 'mapped', message: 'the "false" port' },
        },
        c.note.status,
        'an if-condition: a Condition step',
      );
    }
    case 'while-condition': {
      const c = condition(s.condition ?? '', ctx, true);
      return one(
        {
          type: 'loop',
          params: { until: c.predicate, check: 'before', maxRounds: 100 },
          ports: { body: cacao(s.on_true), done: cacao(s.on_false ?? s.on_completion), error: cacao(s.on_failure) },
        },
        {
          condition: { ...c.note, message: `${c.note.message}; the loop stops when it no longer holds` },
          on_true: { status: 'mapped', message: 'the loop\'s "Each round" port; the branch end returns to the loop' },
          ...(s.on_false ? { on_false: { status: 'mapped', message: 'the loop\'s "Condition met" port' } } : {}),
        },
        'approximated',
        'CACAO while-condition has no bound; bounded at 100 rounds (a Repeat until step checking before each round). Its "Maximum reached" port is left unconnected, so hitting the bound fails the run visibly',
      );
    }
    case 'switch-condition': {
      const entries = Object.entries(s.cases ?? {}).filter(([k]) => k !== 'default');
      const ports: Record<string, ReturnType<typeof cacao>> = {
        default: cacao(s.cases?.['default'] ?? s.on_completion),
        error: cacao(s.on_failure),
      };
      const cases = entries.map(([value, to], i) => {
        ports[`case_${i + 1}`] = cacao(to);
        return { port: `case_${i + 1}`, label: value.slice(0, 80), equals: value };
      });
      const variable = /^(__[A-Za-z_][A-Za-z0-9_-]*__)(?::value)?$/.exec((s.switch ?? '').trim());
      const value = variable?.[1] ? ctx.scope.expression(variable[1]) : (s.switch ?? '');
      return one(
        {
          type: 'switch',
          params: { value, cases: cases.length > 0 ? cases : [{ port: 'case_1', equals: '' }] },
          ports,
        },
        {
          switch: variable
            ? { status: 'mapped', message: `switches on ${value}` }
            : { status: 'approximated', message: 'not a variable: kept as the switch expression, check it' },
          cases: {
            status: 'mapped',
            message: `${cases.length} case(s) and default; each case compares the value as text`,
          },
        },
        variable ? 'mapped' : 'approximated',
        'a switch-condition: a Switch step',
      );
    }
    case 'parallel':
      return one(
        {
          type: 'parallel',
          params: {},
          ports: { branches: (s.next_steps ?? []).map((to) => ({ cacao: to })), error: cacao(s.on_failure) },
        },
        { next_steps: { status: 'mapped', message: 'the branches of a Parallel step' } },
        'mapped',
        s.on_completion
          ? 'a Parallel step; its branches meet again at a Join (wait for all) before on_completion'
          : 'a Parallel step',
      );
    case 'playbook-action': {
      const pid = s.playbook_id ?? '';
      const wf = ctx.resolvePlaybook?.(pid);
      return one(
        {
          type: 'subworkflow',
          params: { workflow: wf ?? pid },
          ports: { out: cacao(s.on_completion ?? s.on_success), error: cacao(s.on_failure) },
        },
        {
          playbook_id: wf
            ? { status: 'mapped', message: `calls workflow ${wf}` }
            : {
                status: 'unsupported',
                message: `the playbook ${pid} cannot be resolved to a workflow here: pick the workflow to call`,
              },
        },
        wf ? 'mapped' : 'unsupported',
        'a playbook-action: a Sub-workflow step',
      );
    }
    default:
      return one(
        {
          type: 'approval',
          params: manualTask(`${label}: a CACAO "${s.type}" step`, s.timeout),
          ports: { approved: cacao(s.on_completion) },
        },
        {},
        'unsupported',
        `the step type "${s.type}" has no counterpart: a manual task (an Approval) stands in`,
      );
  }
}
