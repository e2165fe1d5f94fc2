import type { ConnectorAuth } from './definition';

/** The parts of a definition `authOf` reads. */
interface AuthDeclaration {
  auth: ConnectorAuth;
  authChoice?: { setting: string; options: Record<string, ConnectorAuth> } | undefined;
}

/**
 * How a credential with these settings authenticates: the option its choice setting
 * names, else the definition's `auth`. Undefined when the setting names no option (the
 * credential is wrong; the caller reports it).
 *
 * @example authOf(gateway, { auth: 'basic' }) // { type: 'basic' }
 */
export function authOf(def: AuthDeclaration, settings: Readonly<Record<string, unknown>>): ConnectorAuth | undefined {
  const choice = def.authChoice;
  const picked = choice ? settings[choice.setting] : undefined;
  if (choice === undefined || picked === undefined || picked === '') return def.auth;
  return typeof picked === 'string' && Object.hasOwn(choice.options, picked) ? choice.options[picked] : undefined;
}

/** The values a connector template may name besides params: what the run knows about the call. */
export const TEMPLATE_CONTEXT = ['context.runId', 'context.idempotencyKey'] as const;
export type TemplateContextName = (typeof TEMPLATE_CONTEXT)[number];
