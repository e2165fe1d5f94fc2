import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { embeddedPostgresOf, loadConfig } from '../../src/config';

describe('the embedded PostgreSQL settings', () => {
  it('when EMBEDDED_PG_DIR and EMBEDDED_PG_PORT are unset or empty then the cluster lives in DATA_DIR/pg on a free port', () => {
    for (const env of [
      { DATA_DIR: '/srv/autonomic' },
      { DATA_DIR: '/srv/autonomic', EMBEDDED_PG_DIR: '', EMBEDDED_PG_PORT: '' },
    ]) {
      expect(embeddedPostgresOf(loadConfig(env))).toEqual({ dataDir: join('/srv/autonomic', 'pg') });
    }
  });

  it('when they are set then the cluster uses them', () => {
    const config = loadConfig({ EMBEDDED_PG_DIR: '/var/lib/autonomic-pg', EMBEDDED_PG_PORT: '55432' });
    expect(embeddedPostgresOf(config)).toEqual({ dataDir: '/var/lib/autonomic-pg', port: 55432 });
  });

  it('when the port is not a port then loading the configuration fails and names the variable', () => {
    for (const port of ['abc', '0', '70000', '5432.5']) {
      expect(() => loadConfig({ EMBEDDED_PG_PORT: port })).toThrow(/EMBEDDED_PG_PORT/);
    }
  });
});
