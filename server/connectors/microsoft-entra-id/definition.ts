/**
 * Microsoft Entra ID users through Microsoft Graph v1.0
 * (https://learn.microsoft.com/graph/api/resources/user?view=graph-rest-1.0): disable an
 * account (`PATCH /v1.0/users/{id}` `{ accountEnabled: false }`, 204), enable it again,
 * revoke its sign-in sessions (`POST /v1.0/users/{id}/revokeSignInSessions`, `{ value: true }`)
 * and read it (`GET /v1.0/users/{id}?$select=…`). A user is named by its object id or its
 * userPrincipalName. Auth: OAuth2 client credentials of an app registration
 * (`client_id:client_secret`) at the Microsoft identity platform v2.0 token endpoint of the
 * credential's tenant, scope `https://graph.microsoft.com/.default` (application permissions
 * User.Read.All, plus User.EnableDisableAccount.All and User.RevokeSessions.All, or
 * User.ReadWrite.All, for the changes). Errors are `{ error: { code, message, innerError } }`:
 * 401 InvalidAuthenticationToken, 403 Authorization_RequestDenied, 404
 * Request_ResourceNotFound, 400 Request_BadRequest; throttling is 429 with Retry-After in
 * seconds (https://learn.microsoft.com/graph/throttling). Graph has no idempotency header; the
 * changes are idempotent by nature (disabling a disabled account answers 204 again).
 */
import type { ConnectorAction, ConnectorDefinition } from '@autonomic/workflow';
import { MICROSOFT_TOKEN_URL, tenantSetting as tenant } from '../microsoft-identity';

/**
 * An object id or a userPrincipalName. A UPN that starts with `$` needs Graph's `('…')` key
 * syntax, and one with `/` or `?` would not be one path segment, so both are refused.
 */
const user = {
  type: 'string',
  title: 'User',
  description: "The user's object ID or user principal name (sign-in name), such as j.doe@contoso.com.",
  pattern:
    "^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[A-Za-z0-9_!#%&'*+=^`{|}~-][A-Za-z0-9._!#%&'*+=^`{|}~-]{0,112}@[A-Za-z0-9][A-Za-z0-9.-]{0,254})$",
};
const params: ConnectorAction['params'] = {
  type: 'object',
  properties: { user },
  required: ['user'],
  additionalProperties: false,
};

/** The user properties get_user asks for (Graph returns only a default few without $select). */
export const USER_FIELDS = [
  'id',
  'displayName',
  'userPrincipalName',
  'mail',
  'accountEnabled',
  'jobTitle',
  'department',
  'userType',
  'createdDateTime',
  'lastPasswordChangeDateTime',
  'signInSessionsValidFromDateTime',
  'onPremisesSyncEnabled',
] as const;

const nullableString = { type: ['string', 'null'] };
const userSchema = {
  type: 'object',
  required: ['id', 'displayName', 'userPrincipalName', 'accountEnabled'],
  properties: {
    '@odata.context': { type: 'string' },
    id: { type: 'string' },
    displayName: nullableString,
    userPrincipalName: { type: 'string' },
    mail: nullableString,
    accountEnabled: { type: 'boolean' },
    jobTitle: nullableString,
    department: nullableString,
    userType: nullableString,
    createdDateTime: nullableString,
    lastPasswordChangeDateTime: nullableString,
    signInSessionsValidFromDateTime: nullableString,
    onPremisesSyncEnabled: { type: ['boolean', 'null'] },
  },
};

const USER_ID = '6e7b768e-07e2-4810-8459-485f84f8f204';

/** PATCH accountEnabled: Graph answers 204 No Content, also when the account already was so. */
const setEnabled = (
  enabled: boolean,
  text: Pick<ConnectorAction, 'title' | 'description' | 'effect'>,
): ConnectorAction => ({
  ...text,
  method: 'PATCH',
  path: '/v1.0/users/{{ user }}',
  body: { accountEnabled: enabled },
  params,
  response: { type: 'null' },
  target: { param: 'user', kind: 'user' },
  idempotency: 'none',
  example: null,
});

export const microsoftEntraId: ConnectorDefinition = {
  formatVersion: 1,
  id: 'microsoft-entra-id',
  name: 'Microsoft Entra ID',
  vendor: 'Microsoft',
  version: '1.0.0',
  description:
    'Disables and re-enables Entra ID (Azure AD) accounts, revokes their sign-in sessions and reads users (Microsoft Graph v1.0).',
  baseUrl: 'https://graph.microsoft.com',
  auth: {
    type: 'oauth2_client_credentials',
    tokenUrl: MICROSOFT_TOKEN_URL,
    scopes: ['https://graph.microsoft.com/.default'],
    clientAuth: 'client_secret_post',
  },
  settings: { type: 'object', properties: { tenant }, required: ['tenant'], additionalProperties: false },
  retryableStatuses: [429, 502, 503, 504],
  healthAction: { action: 'test_connection', params: {} },
  actions: {
    disable_account: setEnabled(false, {
      title: 'Disable an account',
      description:
        'Blocks sign-in for the user (accountEnabled false); sessions already open last until their tokens expire, so revoke them too. Needs User.EnableDisableAccount.All.',
      effect: 'destructive',
    }),
    enable_account: setEnabled(true, {
      title: 'Enable an account',
      description: 'Lets the user sign in again (accountEnabled true): the undo of disabling.',
      effect: 'write',
    }),
    revoke_sessions: {
      title: 'Revoke sign-in sessions',
      description:
        "Invalidates the user's refresh tokens and session cookies, so every app asks them to sign in again within minutes. Needs User.RevokeSessions.All.",
      effect: 'destructive',
      method: 'POST',
      path: '/v1.0/users/{{ user }}/revokeSignInSessions',
      params,
      response: {
        type: 'object',
        required: ['value'],
        properties: { '@odata.context': { type: 'string' }, value: { type: 'boolean' } },
      },
      target: { param: 'user', kind: 'user' },
      idempotency: 'none',
      example: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean', value: true },
    },
    get_user: {
      title: 'Get a user',
      description:
        'The user: name, sign-in name, mail, whether the account is enabled, job and department, and since when sign-in sessions are valid.',
      effect: 'read',
      method: 'GET',
      // OData's `$select` in the path: `$` is no query name the format takes.
      path: `/v1.0/users/{{ user }}?$select=${USER_FIELDS.join(',')}`,
      params,
      response: userSchema,
      target: { param: 'user', kind: 'user' },
      idempotency: 'none',
      example: {
        '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#users(${USER_FIELDS.join(',')})/$entity`,
        id: USER_ID,
        displayName: 'Jane Doe',
        userPrincipalName: 'j.doe@contoso.com',
        mail: 'j.doe@contoso.com',
        accountEnabled: false,
        jobTitle: 'Accounts Payable Clerk',
        department: 'Finance',
        userType: 'Member',
        createdDateTime: '2024-02-12T08:30:00Z',
        lastPasswordChangeDateTime: '2026-10-01T07:12:45Z',
        signInSessionsValidFromDateTime: '2026-12-05T21:31:02Z',
        onPremisesSyncEnabled: null,
      },
    },
    test_connection: {
      title: 'Test the connection',
      description:
        "Lists one user's id: fails when the tenant, client id or secret is wrong or the app lacks User.Read.All.",
      effect: 'read',
      method: 'GET',
      path: '/v1.0/users?$top=1&$select=id',
      params: { type: 'object', properties: {}, additionalProperties: false },
      response: {
        type: 'object',
        required: ['value'],
        properties: {
          '@odata.context': { type: 'string' },
          '@odata.nextLink': { type: 'string' },
          value: {
            type: 'array',
            items: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
          },
        },
      },
      idempotency: 'none',
      example: {
        '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users(id)',
        '@odata.nextLink': 'https://graph.microsoft.com/v1.0/users?$top=1&$select=id&$skiptoken=RFNwdAIAAQAAAD8',
        value: [{ id: USER_ID }],
      },
    },
  },
};
