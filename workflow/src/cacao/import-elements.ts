import { EXTENSION_ID, isRecord, type CacaoPlaybook } from './model';
import { pointer, type Reporter } from './report';

const NOTES: Record<string, ['mapped' | 'approximated' | 'unsupported', string]> = {
  type: ['mapped', 'a CACAO playbook'],
  spec_version: ['mapped', 'CACAO 2.0'],
  id: ['approximated', 'the CACAO id is not kept: an export of the workflow gets an id of its own'],
  name: ['mapped', 'the workflow name'],
  description: ['mapped', 'the workflow description'],
  labels: ['mapped', 'the workflow tags'],
  severity: ['approximated', 'the 0–100 severity as low (<25), medium (<50), high (<75) or critical'],
  created_by: ['approximated', 'the importing user is recorded as the author of the draft'],
  created: ['approximated', "the draft version records its own creation time; an export writes the version's times"],
  modified: ['approximated', "the draft version records its own time; an export writes the version's times"],
  workflow: ['mapped', 'the steps of the workflow'],
  workflow_start: ['mapped', 'the step after the trigger'],
  playbook_variables: ['mapped', 'the workflow vars'],
  revoked: ['unsupported', 'a draft cannot be revoked; archive the workflow instead'],
  valid_from: ['unsupported', 'workflows have no validity period here'],
  valid_until: ['unsupported', 'workflows have no validity period here'],
  priority: ['unsupported', 'workflows have no priority here'],
  impact: ['unsupported', 'workflows have no impact rating here'],
  playbook_types: ['unsupported', 'no playbook types here; the category stays "general"'],
  playbook_activities: ['unsupported', 'no activity vocabulary here'],
  playbook_processing_summary: ['unsupported', 'computed here from the steps, not imported'],
  derived_from: ['unsupported', 'no lineage to other playbooks here'],
  related_to: ['unsupported', 'no relations to other objects here'],
  industry_sectors: ['unsupported', 'no industry sectors here'],
  external_references: ['unsupported', 'external references are not kept'],
  markings: [
    'unsupported',
    'data markings (TLP, IEP, statements) have no counterpart: handle the draft by its marking yourself',
  ],
};

/** Report entries for the playbook's own properties and its definitions (agents, targets, credentials, extensions, markings, signatures). */
export function reportPlaybook(pb: CacaoPlaybook, report: Reporter, usedDefinitions: Map<string, string>): void {
  for (const key of Object.keys(pb)) {
    const note = NOTES[key];
    if (note) report.add({ pointer: pointer(key), kind: 'metadata', status: note[0], message: note[1] });
  }
  const each = (key: string, f: (id: string, def: unknown) => void) => {
    const dict = pb[key];
    if (!isRecord(dict)) return;
    report.add({
      pointer: pointer(key),
      kind: 'definitions',
      status: 'mapped',
      message: `${Object.keys(dict).length} entr${Object.keys(dict).length === 1 ? 'y' : 'ies'}, each reported`,
    });
    for (const [id, def] of Object.entries(dict)) f(id, def);
  };
  for (const section of ['agent_definitions', 'target_definitions'] as const)
    each(section, (id, def) => {
      const type = isRecord(def) ? String(def['type']) : 'unknown';
      const kind = section === 'agent_definitions' ? 'agent' : 'target';
      const use = usedDefinitions.get(id);
      if (use) report.mapped(pointer(section, id), kind, `${kind} "${type}": ${use}`);
      else
        report.unsupported(
          pointer(section, id),
          kind,
          `${kind} "${type}" is not needed here: Autonomic performs each step itself; connector endpoints and credentials are set up on the Connectors and Credentials pages`,
        );
    });
  each('authentication_info_definitions', (id) =>
    report.unsupported(
      pointer('authentication_info_definitions', id),
      'authentication',
      'credentials are never imported from a file (the secret stays out of the draft): create a credential on the Credentials page',
    ),
  );
  each('extension_definitions', (id) =>
    id === EXTENSION_ID
      ? report.mapped(
          pointer('extension_definitions', id),
          'extension',
          'the x-autonomic extension: restores what CACAO cannot say',
        )
      : report.unsupported(
          pointer('extension_definitions', id),
          'extension',
          'an extension this import does not know: its properties are not kept',
        ),
  );
  each('playbook_extensions', (id) =>
    id === EXTENSION_ID
      ? report.mapped(
          pointer('playbook_extensions', id),
          'extension',
          'the x-autonomic details (trigger, metadata, vars, test cases) restored',
        )
      : report.unsupported(
          pointer('playbook_extensions', id),
          'extension',
          'an extension this import does not know: its properties are not kept',
        ),
  );
  each('data_marking_definitions', (id) =>
    report.unsupported(
      pointer('data_marking_definitions', id),
      'data-marking',
      'data markings have no counterpart here: handle the draft by its marking yourself',
    ),
  );
  const sigs = pb['signatures'];
  if (Array.isArray(sigs)) {
    report.unsupported(
      pointer('signatures'),
      'signature',
      'signatures are neither checked nor kept: the draft is a new, unsigned version',
    );
    sigs.forEach((_, i) => report.unsupported(pointer('signatures', i), 'signature', 'not checked and not kept'));
  }
  for (const key of Object.keys(pb))
    if (!report.has(pointer(key)))
      report.unsupported(
        pointer(key),
        'property',
        `"${key}" is not a CACAO 2.0 playbook property this import knows; not kept`,
      );
}
