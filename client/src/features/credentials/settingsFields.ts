import type { ConnectorDefinition } from '@autonomic/workflow';

/** One text setting of a connector, as the create form draws it. */
export interface SettingField {
  key: string;
  title: string;
  description?: string;
  required: boolean;
  default: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The settings a credential of this connector takes (its settings schema's properties), in order. */
export function settingFields(def: ConnectorDefinition | undefined): SettingField[] {
  const schema = def?.settings;
  if (!schema) return [];
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).map(([key, raw]) => {
    const p = isRecord(raw) ? raw : {};
    const d = p['default'];
    return {
      key,
      title: typeof p['title'] === 'string' ? p['title'] : key,
      ...(typeof p['description'] === 'string' ? { description: p['description'] } : {}),
      required: required.has(key),
      default: typeof d === 'string' || typeof d === 'number' ? String(d) : '',
    };
  });
}

/** What the secret value is for each way of authenticating. */
export const VALUE_HELP: Record<ConnectorDefinition['auth']['type'], string> = {
  none: 'Nothing is sent: any placeholder value (the receiver asks for no authentication).',
  api_key: 'The API key.',
  bearer: 'The API token (sent as a bearer token).',
  basic: 'user:password',
  webhook_url: 'The webhook URL (it is itself the secret).',
  oauth2_client_credentials: 'client_id:client_secret',
};

/** `Fortinet FortiGate`, `AbuseIPDB` (the vendor once when the product bears its name). */
export const connectorLabel = (c: { vendor: string; name: string }): string =>
  c.name.startsWith(c.vendor) ? c.name : `${c.vendor} ${c.name}`;
