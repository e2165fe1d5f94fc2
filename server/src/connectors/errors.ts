/**
 * How a connector call failed, as data: the kind decides what a caller does (ask an admin
 * for a new credential, wait and retry, report a missing object), `retryable` says whether
 * the same call may succeed later. Messages never hold the credential.
 */
export type ConnectorErrorKind =
  /** 401 or 403: the credential is missing, wrong, revoked or lacks the right. */
  | 'auth'
  /** 429 after the client's own retries, or a Retry-After longer than it waits. */
  | 'rate_limited'
  | 'not_found'
  /** Any other answer outside 2xx. */
  | 'http'
  /** A 2xx answer that is not JSON or does not match the action's response schema. */
  | 'bad_response'
  /** The params do not match the action's params schema, or the action does not exist. */
  | 'invalid_params'
  /** Something the definition asks for that this client cannot do yet (OAuth2). */
  | 'unsupported'
  /** The outbound guard refused the address, or the call could not be made as asked. */
  | 'refused'
  /** No answer: connection refused or reset, DNS failure, timeout. */
  | 'network';

export class ConnectorError extends Error {
  constructor(
    readonly kind: ConnectorErrorKind,
    message: string,
    readonly details: {
      status?: number;
      retryable?: boolean;
      /** How long the vendor asked to wait (Retry-After), in milliseconds. */
      retryAfterMs?: number;
    } = {},
  ) {
    super(message);
    this.name = 'ConnectorError';
  }

  get status(): number | undefined {
    return this.details.status;
  }

  get retryable(): boolean {
    return this.details.retryable ?? false;
  }

  get retryAfterMs(): number | undefined {
    return this.details.retryAfterMs;
  }
}

/** The kind of a non-2xx answer. */
export function kindOfStatus(status: number): ConnectorErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  return 'http';
}
