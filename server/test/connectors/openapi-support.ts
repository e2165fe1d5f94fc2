/**
 * OpenAPI import tests: ACME Sentinel, an endpoint-protection vendor's API as its own
 * OpenAPI 3.0 document would describe it (YAML; an API key in X-Api-Key; a host lookup
 * whose Host schema refers to itself; a destructive isolation with a JSON body; alerts with
 * query and header params; a multipart upload; a 204 delete; an OAuth2 flow a connector
 * cannot use), and a mock of that API on 127.0.0.1 answering as the document says.
 */
import { startVendorMock, type MockAnswer, type VendorMock } from '../../connectors/vendor-mock';

export const SENTINEL_KEY = 'sentinel-key-4b1d9e7a2c';

export const SENTINEL_YAML = `
openapi: 3.0.3
info:
  title: ACME Sentinel API
  version: 2.4.0
  description: Endpoint protection — host inventory, alerts and network isolation.
  contact:
    name: ACME Security
servers:
  - url: https://{tenant}.sentinel.acme.example/api/v2
    variables:
      tenant:
        default: demo
        description: Your tenant's sub-domain
  - url: https://sandbox.sentinel.acme.example/api/v2
security:
  - ApiKeyAuth: []
paths:
  /status:
    get:
      operationId: getStatus
      summary: API status
      responses:
        '200':
          description: The key works
          content:
            application/json:
              schema:
                type: object
                properties:
                  ok: { type: boolean }
                required: [ok]
  /hosts/{hostname}:
    parameters:
      - name: hostname
        in: path
        required: true
        description: The host's name as the agent reports it
        schema: { type: string, maxLength: 253 }
    get:
      operationId: getHost
      summary: Look up a host
      responses:
        '200':
          description: The host
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Host' }
              example:
                hostname: ws-042
                os: windows
                isolated: false
                risk: 72
                lastSeen: '2026-12-01T09:30:00Z'
                owner: { id: u-17, email: j.doe@example.com }
                related: []
        '404':
          description: Unknown host
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Error' }
  /hosts/{hostname}/isolate:
    post:
      operationId: isolateHost
      summary: Isolate a host from the network
      parameters:
        - name: hostname
          in: path
          required: true
          schema: { type: string }
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [reason]
              properties:
                reason: { type: string, maxLength: 500 }
                duration_minutes: { type: integer, minimum: 1, maximum: 1440 }
                requestedAt: { type: string, format: date-time, readOnly: true }
      responses:
        '202':
          description: Isolation started
          content:
            application/json:
              schema:
                type: object
                required: [id, status]
                properties:
                  id: { type: string }
                  status: { type: string, enum: [pending, isolated] }
  /alerts:
    get:
      operationId: listAlerts
      summary: List alerts
      parameters:
        - name: status
          in: query
          schema: { type: string, enum: [open, closed], nullable: true }
        - name: limit
          in: query
          schema: { type: integer, minimum: 0, exclusiveMinimum: true, maximum: 500 }
        - name: X-Request-Id
          in: header
          schema: { type: string }
        - name: session
          in: cookie
          schema: { type: string }
      responses:
        '200':
          description: Alerts
          content:
            application/json:
              schema:
                type: array
                items: { $ref: '#/components/schemas/Alert' }
  /alerts/{id}:
    delete:
      summary: Dismiss an alert
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        '204': { description: Dismissed }
  /alerts/{id}/attachments:
    post:
      operationId: addAttachment
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                file: { type: string, format: binary }
      responses:
        '201':
          description: Stored
      callbacks:
        scanned:
          '{$request.body#/callbackUrl}':
            post:
              responses:
                '200': { description: ok }
components:
  securitySchemes:
    ApiKeyAuth:
      type: apiKey
      in: header
      name: X-Api-Key
    PartnerLogin:
      type: oauth2
      flows:
        authorizationCode:
          authorizationUrl: https://login.acme.example/authorize
          tokenUrl: https://login.acme.example/token
          scopes: {}
  schemas:
    User:
      type: object
      properties:
        id: { type: string }
        email: { type: string, format: email }
    Host:
      type: object
      required: [hostname, isolated]
      properties:
        hostname: { type: string }
        os: { type: string, enum: [windows, macos, linux] }
        isolated: { type: boolean }
        risk: { type: integer, minimum: 0, maximum: 100 }
        lastSeen: { type: string, format: date-time }
        owner: { $ref: '#/components/schemas/User' }
        related:
          type: array
          items: { $ref: '#/components/schemas/Host' }
    Alert:
      type: object
      properties:
        id: { type: string }
        host: { type: string }
        severity: { type: string, enum: [low, medium, high] }
        note: { type: string, nullable: true }
    Error:
      type: object
      properties:
        message: { type: string }
`;

/** ACME Sentinel as the vendor answers: the key in X-Api-Key, paths under /api/v2. */
export function startSentinelMock(): Promise<VendorMock> {
  const json = (status: number, body: unknown): MockAnswer => ({ status, body });
  return startVendorMock({
    authFailure: (req) =>
      req.headers['x-api-key'] === SENTINEL_KEY ? undefined : json(401, { message: 'invalid API key' }),
    rateLimited: (seconds) => ({
      status: 429,
      body: { message: 'slow down' },
      headers: { 'retry-after': `${seconds}` },
    }),
    route(req) {
      if (req.method === 'GET' && req.path === '/api/v2/status') return json(200, { ok: true });
      const host = /^\/api\/v2\/hosts\/([^/]+)$/.exec(req.path);
      if (req.method === 'GET' && host) {
        const hostname = decodeURIComponent(host[1] ?? '');
        return json(200, {
          hostname,
          os: 'linux',
          isolated: false,
          risk: 91,
          lastSeen: '2026-12-06T05:00:00Z',
          owner: { id: 'u-3', email: 'ops@acme.example' },
          related: [{ hostname: 'db-7', isolated: false }],
        });
      }
      const isolate = /^\/api\/v2\/hosts\/([^/]+)\/isolate$/.exec(req.path);
      if (req.method === 'POST' && isolate) return json(202, { id: `iso-${isolate[1] ?? ''}`, status: 'pending' });
      return json(404, { message: 'no such route' });
    },
  });
}
