/** The address parsing lives in workflow/ so that the expression function `$inCidr` shares it. */
export {
  networkContains as contains,
  parseAddress,
  parseNetwork,
  sameAddress,
  type Address,
  type Network,
} from '@autonomic/workflow';
