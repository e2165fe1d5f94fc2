/**
 * What Microsoft's APIs (Graph, Defender for Endpoint, …) share in a connector definition:
 * the identity platform's v2.0 token endpoint at the credential's tenant, and the tenant
 * setting that names it.
 */

/** OAuth2 client credentials at the tenant; `tenant` is a required setting. */
export const MICROSOFT_TOKEN_URL = 'https://login.microsoftonline.com/{{ tenant }}/oauth2/v2.0/token';

/** The `tenant` setting: a directory id, or a verified domain. */
export const tenantSetting = {
  type: 'string',
  title: 'Tenant',
  description: 'Your directory (tenant) ID, or a verified domain such as contoso.onmicrosoft.com.',
  pattern:
    '^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[A-Za-z0-9][A-Za-z0-9.-]{0,252})$',
};
