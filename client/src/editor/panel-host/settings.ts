import type { StepSettingsValue } from '../panel/StepSettingsForm';
import { isRecord } from '../graph/json';
import type { NodeData } from '../types';

/** The step settings form's value from a node's data. */
export function settingsOf(data: NodeData): StepSettingsValue {
  return {
    ...(data.label === undefined ? {} : { label: data.label }),
    ...(data.retry === undefined ? {} : { retry: data.retry }),
    ...(data.timeout === undefined ? {} : { timeout: data.timeout }),
  };
}

/** What changed between two settings values, as command arguments (null removes a setting). */
export function settingsChange(before: StepSettingsValue, after: StepSettingsValue) {
  const label = after.label ?? '';
  const retryChanged = JSON.stringify(before.retry) !== JSON.stringify(after.retry);
  const timeoutChanged = before.timeout !== after.timeout;
  return {
    ...(label !== (before.label ?? '') ? { label } : {}),
    ...(retryChanged ? { retry: isRecord(after.retry) ? after.retry : null } : {}),
    ...(timeoutChanged ? { timeout: after.timeout ? after.timeout : null } : {}),
  };
}
