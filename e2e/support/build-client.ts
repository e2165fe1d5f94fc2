/**
 * Builds the client when client/dist is missing or older than its sources (the e2e server
 * serves client/dist). Skipping a fresh build matters on a shared tree: a rebuild replaces
 * the hashed assets under any other suite that is running against them.
 */
import { spawnSync } from 'node:child_process';
import { clientBuildIsStale, REPO_ROOT } from './server';

if (clientBuildIsStale() || process.env.E2E_BUILD === 'always') {
  const b = spawnSync('npm', ['run', 'build', '-w', 'client'], { cwd: REPO_ROOT, stdio: 'inherit' });
  process.exit(b.status ?? 1);
} else {
  console.log('e2e: client/dist is up to date');
}
