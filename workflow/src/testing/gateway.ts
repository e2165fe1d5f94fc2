import { GATEWAY_CONNECTOR } from '../legacy-gateway';

type GatewayAction = 'block_ip' | 'isolate_host' | 'disable_user' | 'notify';

const TARGETS: Record<GatewayAction, { param: string; kind: string } | undefined> = {
  block_ip: { param: 'ip', kind: 'ip' },
  isolate_host: { param: 'host', kind: 'host' },
  disable_user: { param: 'user', kind: 'user' },
  notify: undefined,
};

/**
 * The params of a `connector` step running an `autonomic-gateway@1.0.0` action (what the
 * retired block-ip, isolate-host, disable-user and notify steps became), for tests and
 * generated graphs: effect and target copied from the action as the editor copies them.
 *
 * @example gatewayParams('block_ip', { ip: '{{ event.ip }}', reason: 'bad', path: '/block' })
 */
export function gatewayParams(
  action: GatewayAction,
  input: Record<string, unknown>,
  credential = 'gateway-fw',
): Record<string, unknown> {
  const target = TARGETS[action];
  return {
    connector: GATEWAY_CONNECTOR.id,
    version: GATEWAY_CONNECTOR.version,
    action,
    credential,
    input,
    effect: target ? 'destructive' : 'write',
    ...(target ? { target } : {}),
  };
}
