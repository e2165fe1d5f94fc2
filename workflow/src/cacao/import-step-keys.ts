import type { MappedStep } from './draft';
import { EXTENSION_ID, type CacaoStep } from './model';
import { pointer, type Reporter } from './report';

/** One report entry per property of a workflow step (and per command, step variable and extension). */
export function reportStepKeys(cid: string, s: CacaoStep, m: MappedStep, report: Reporter, usedForUrl: boolean): void {
  const at = (...k: (string | number)[]) => pointer('workflow', cid, ...k);
  const approval = m.nodes[0]?.type === 'approval';
  const notes: Record<string, [MappedStep['status'], string]> = {
    type: ['mapped', `a CACAO "${s.type}" step`],
    name: ['mapped', 'the step label'],
    description: approval
      ? ['approximated', "part of the manual task's message"]
      : ['unsupported', 'steps here have no description (the name is the label)'],
    on_completion: ['mapped', 'where the step leads next'],
    on_success: ['mapped', 'where the step leads next (on success)'],
    on_failure: approval
      ? ['approximated', 'the Rejected and Timed out ports of the manual task']
      : ['mapped', 'the Error port'],
    agent: ['approximated', `the agent ${s.agent ?? ''} is not needed: Autonomic performs the step itself`],
    targets: usedForUrl
      ? ['mapped', "the target's address gives the host of the request URL"]
      : ['unsupported', "no step target is set from a CACAO target: set the step's target by hand if it acts on one"],
    timeout: ['mapped', approval ? "the manual task's timeout" : 'the step timeout'],
    delay: ['mapped', 'a Delay step before it'],
    in_args: ['approximated', 'steps here read variables directly (vars, step outputs): in_args needs no mapping'],
    out_args: [
      'approximated',
      "later expressions read these variables from this step's output (steps.<id>.output.<name>)",
    ],
    external_references: ['unsupported', 'external references are not kept'],
    owner: ['unsupported', 'steps have no owner here'],
    playbook_version: ['approximated', "the sub-workflow always runs the called workflow's published version"],
    commands: ['mapped', `${s.commands?.length ?? 0} command(s), each reported`],
    step_variables: ['approximated', 'workflow-wide vars here (CACAO scopes them to the step)'],
    step_extensions: ['mapped', 'each extension reported'],
  };
  report.add({ pointer: at(), kind: 'step', status: m.status, message: m.message, nodeId: m.entry });
  for (const key of Object.keys(s)) {
    const fromMapping = m.keys[key];
    const note = fromMapping ? ([fromMapping.status, fromMapping.message] as const) : notes[key];
    if (note)
      report.add({ pointer: at(key), kind: 'step property', status: note[0], message: note[1], nodeId: m.entry });
    else
      report.unsupported(
        at(key),
        'step property',
        `"${key}" is not a property this import knows for a ${s.type} step; not kept`,
        m.entry,
      );
  }
  (s.commands ?? []).forEach((_, i) => {
    const k = m.keys[`commands/${i}`];
    if (k)
      report.add({
        pointer: at('commands', i),
        kind: 'command',
        status: k.status,
        message: k.message,
        nodeId: m.nodes[i]?.id ?? m.entry,
      });
  });
  for (const name of Object.keys(s.step_variables ?? {}))
    report.approximated(
      at('step_variables', name),
      'variable',
      `a workflow-wide var "${name.replace(/^__|__$/g, '')}"`,
      m.entry,
    );
  for (const id of Object.keys(s.step_extensions ?? {}))
    if (id === EXTENSION_ID)
      report.mapped(at('step_extensions', id), 'extension', 'the x-autonomic details of this step, restored');
    else report.unsupported(at('step_extensions', id), 'extension', 'an extension this import does not know: not kept');
}
