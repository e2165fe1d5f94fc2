/**
 * An upgrade planned on a document, before anything is stored: which steps move to the
 * new version, with the effect and target of the action there, and what keeps a step from
 * moving (an action the version no longer has, an input its params no longer take).
 */
import {
  connectorParams,
  connectorProblems,
  type ConnectorDefinition,
  type WorkflowDocument,
} from '@autonomic/workflow';
import { AppError, ConflictError, type ErrorDetail } from '../../errors';

export interface UpgradeRequest {
  connector: string;
  toVersion: string;
  /** @default every step of the connector */
  steps?: string[] | undefined;
}

export interface UpgradedStep {
  stepId: string;
  action: string;
  from: string;
  to: string;
}

export interface UpgradePlan {
  document: WorkflowDocument;
  upgraded: UpgradedStep[];
}

/**
 * Re-pins the steps of `doc` to `def` (the installed `toVersion`), copying the effect and
 * target of each step's action from it. Throws a 422 naming each request field or step
 * field at fault (nothing is planned then), or a 409 when the steps already pin `toVersion`.
 */
export function planUpgrade(doc: WorkflowDocument, request: UpgradeRequest, def: ConnectorDefinition): UpgradePlan {
  const { connector, toVersion } = request;
  const ofConnector = Object.entries(doc.steps).flatMap(([id, step]) => {
    const p = step.type === 'connector' ? connectorParams(step.params) : undefined;
    return p?.connector === connector ? [{ id, p }] : [];
  });
  if (ofConnector.length === 0) {
    refuse(`no step of the workflow uses ${connector}`, [
      { path: 'body.connector', message: `no step of the latest version uses ${connector}` },
    ]);
  }
  const byId = new Map(ofConnector.map((s) => [s.id, s]));
  const unknown = (request.steps ?? []).flatMap((id, i) =>
    byId.has(id)
      ? []
      : [{ path: `body.steps.${i}`, message: `'${id}' is not a ${connector} step of the latest version` }],
  );
  if (unknown.length > 0) refuse(`some steps are not ${connector} steps`, unknown);

  const chosen = request.steps ? [...new Set(request.steps)].flatMap((id) => byId.get(id) ?? []) : ofConnector;
  const current = chosen.filter((s) => s.p.version === toVersion);
  // Named steps must all move; by default, the steps already there are simply left as they are.
  const moving = request.steps ? chosen : chosen.filter((s) => s.p.version !== toVersion);
  if (moving.length === 0 || (request.steps && current.length > 0)) {
    const which = current.map((s) => `'${s.id}'`).join(', ');
    const verb = current.length === 1 ? 'pins' : 'pin';
    throw new ConflictError(`${which} already ${verb} ${connector} ${toVersion}`, 'connector_version_current');
  }

  const document = structuredClone(doc);
  const details: ErrorDetail[] = [];
  const upgraded: UpgradedStep[] = [];
  for (const { id, p } of moving) {
    const action = def.actions[p.action];
    if (!action) {
      const actions = Object.keys(def.actions).join(', ');
      details.push({
        path: `steps.${id}.params.action`,
        message: `${connector} ${toVersion} has no action '${p.action}' (actions: ${actions})`,
      });
      continue;
    }
    const { target: _old, ...rest } = p;
    const params = {
      ...rest,
      version: toVersion,
      effect: action.effect,
      ...(action.target ? { target: { param: action.target.param, kind: action.target.kind } } : {}),
    };
    const inputProblems = connectorProblems(
      { steps: { [id]: { type: 'connector', params } } },
      { connectors: (c, v) => (c === def.id && v === def.version ? def : undefined) },
    ).filter((problem) => problem.path.startsWith('params.input'));
    for (const problem of inputProblems)
      details.push({ path: `steps.${id}.${problem.path}`, message: problem.message });
    const step = document.steps[id];
    if (step) step.params = params;
    upgraded.push({ stepId: id, action: p.action, from: p.version, to: toVersion });
  }
  if (details.length > 0) refuse(`the steps cannot be re-pinned to ${connector} ${toVersion}`, details);
  return { document, upgraded };
}

function refuse(message: string, details: ErrorDetail[]): never {
  throw new AppError(422, 'connector_upgrade_invalid', message, details);
}
