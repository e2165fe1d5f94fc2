/** Who may be asked to review a version. */
import type { Db } from '../../store/db';
import { ValidationError, type ErrorDetail } from '../../errors';
import { usersByIds } from '../../store/versions-reviews';
import { isReviewerRole } from './access';

/** Every id must name an enabled reviewer or admin who is not the version's author (400 naming each one). */
export async function checkReviewers(db: Db, ids: string[], authorId: string): Promise<void> {
  const users = new Map((await usersByIds(db, ids)).map((u) => [u.id, u]));
  const details: ErrorDetail[] = [];
  ids.forEach((id, i) => {
    const u = users.get(id);
    const path = `body.reviewerIds.${i}`;
    if (!u) details.push({ path, message: 'no such user' });
    else if (u.disabled) details.push({ path, message: 'this user is disabled' });
    else if (id === authorId) details.push({ path, message: 'the author cannot review their own version' });
    else if (!isReviewerRole(u.role)) details.push({ path, message: 'must be a reviewer or an admin' });
  });
  if (details.length > 0) throw new ValidationError('these users cannot review this version', details);
}
