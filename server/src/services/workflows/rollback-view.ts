/** The rollback policy's verdicts as the versions list shows them (`VersionSummary.rollback`). */
import type { Db } from '../../store/db';
import { verdictsOf, type RollbackVerdict } from '../../store/rollback';
import type { VersionSummary } from '../../store/versions';

export type ListedVersion = VersionSummary & { rollback?: Omit<RollbackVerdict, 'fromNumber'> };

/** The versions with the verdict of each version that has one. */
export async function withVerdicts(db: Db, versions: VersionSummary[]): Promise<ListedVersion[]> {
  const verdicts = await verdictsOf(
    db,
    versions.map((v) => v.id),
  );
  return versions.map((v) => {
    const verdict = verdicts.get(v.id);
    if (!verdict) return v;
    const { fromNumber: _from, ...rollback } = verdict;
    return { ...v, rollback };
  });
}
