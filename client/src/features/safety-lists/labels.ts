import type { SafetyListName } from '@autonomic/api';

/** The lists as a person reads them. */
export const LIST_LABEL: Record<SafetyListName, string> = {
  protected: 'Protected',
  auto_ok: 'Auto-OK',
};

/** What each list means, under its tab. */
export const LIST_HINT: Record<SafetyListName, string> = {
  protected: 'Never contained automatically: a destructive step on these targets is refused.',
  auto_ok: 'Allowed without an approval: a destructive step on these targets may run unattended.',
};
