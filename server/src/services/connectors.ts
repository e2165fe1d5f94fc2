/**
 * Reading the connectors: the list (no secrets, only how each authenticates), built-in and
 * custom, with their versions; and one definition. Installed versions are everyone's;
 * versions awaiting review or rejected are shown to those who review them (reviewers and
 * admins) and hidden from the others (a 404, as if they did not exist).
 */
import type { Actor, ConnectorListItem, ConnectorVersionInfo } from '@autonomic/api';
import type { ConnectorDefinition } from '@autonomic/workflow';
import type { z } from 'zod';
import type { AppContext } from '../context';
import { compareSemVer } from '../connectors/catalog';
import { CONNECTORS } from '../connectors/registry';
import { NotFoundError } from '../errors';
import * as store from '../store/custom-connectors';
import { destructiveActions, parseStored, versionView } from './custom-connectors';

type Summary = z.input<typeof ConnectorListItem>;
type VersionInfo = z.input<typeof ConnectorVersionInfo>;

export interface ConnectorService {
  list(actor: Actor): Promise<Summary[]>;
  /** `version`, or the version the list describes; 404 for what the actor may not see. */
  get(id: string, version: string | undefined, actor: Actor): Promise<ConnectorDefinition>;
}

export interface ConnectorServiceDeps {
  /** Where custom connectors are stored; without it, only the built-ins are listed. */
  ctx?: AppContext;
  /** @default the shipped connectors */
  builtins?: readonly ConnectorDefinition[];
}

/** Who sees versions that are not installed. */
const reviews = (actor: Actor) => actor.role === 'admin' || actor.role === 'reviewer';

interface Known {
  def: ConnectorDefinition;
  info: VersionInfo;
}

export function createConnectorService(deps: ConnectorServiceDeps = {}): ConnectorService {
  const builtins = deps.builtins ?? CONNECTORS;
  const builtinIds = new Set(builtins.map((d) => d.id));

  const builtinInfo = (def: ConnectorDefinition): VersionInfo => ({
    version: def.version,
    status: 'installed',
    destructiveActions: destructiveActions(def),
    createdById: null,
    createdAt: null,
    reviewedById: null,
    reviewedAt: null,
  });

  /** The custom versions the actor may see (all of one id, or all), parsed; a built-in's id is never custom. */
  async function custom(actor: Actor, connectorId?: string): Promise<Known[]> {
    if (!deps.ctx) return [];
    const rows = await store.listCustomConnectorVersions(deps.ctx.prisma, connectorId ? { connectorId } : {});
    return rows.flatMap((row) => {
      const def = parseStored(row);
      if (!def || builtinIds.has(row.connectorId) || (row.status !== 'installed' && !reviews(actor))) return [];
      const { connectorId: _id, ...info } = versionView(row, def);
      return [{ def, info }];
    });
  }

  return {
    async list(actor) {
      const known = [
        ...builtins.map((def) => ({ def, info: builtinInfo(def), source: 'builtin' as const })),
        ...(await custom(actor)).map((k) => ({ ...k, source: 'custom' as const })),
      ];
      const byId = new Map<string, typeof known>();
      for (const k of known) byId.set(k.def.id, [...(byId.get(k.def.id) ?? []), k]);
      return [...byId.values()].flatMap((versions) => {
        const ordered = versions.sort((a, b) => compareSemVer(a.def.version, b.def.version));
        const shown = ordered.filter((v) => v.info.status === 'installed').at(-1) ?? ordered.at(-1);
        if (!shown) return [];
        return [{ ...summary(shown.def), source: shown.source, versions: ordered.map((v) => v.info) }];
      });
    },

    async get(id, version, actor) {
      const all = builtinIds.has(id)
        ? builtins.filter((d) => d.id === id).map((def) => ({ def, info: builtinInfo(def) }))
        : await custom(actor, id);
      // Without a version: the one the list describes (the newest installed, else the newest the actor sees).
      const ordered = all.sort((a, b) => compareSemVer(a.def.version, b.def.version));
      const found =
        version === undefined
          ? (ordered.filter((k) => k.info.status === 'installed').at(-1) ?? ordered.at(-1))
          : all.find((k) => k.def.version === version);
      if (!found) throw new NotFoundError(version === undefined ? `connector ${id}` : `connector ${id} ${version}`);
      return found.def;
    },
  };
}

function summary(c: ConnectorDefinition) {
  return {
    id: c.id,
    name: c.name,
    vendor: c.vendor,
    version: c.version,
    description: c.description,
    authType: c.auth.type,
    actions: Object.entries(c.actions).map(([id, a]) => ({
      id,
      title: a.title,
      effect: a.effect,
      ...(a.target ? { targetKind: a.target.kind } : {}),
    })),
  };
}
