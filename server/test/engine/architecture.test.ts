import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ENGINE = join(import.meta.dirname, '../../src/engine');

describe('engine ARCHITECTURE.md', () => {
  it('when a file is added to the engine then the file table names it', () => {
    const doc = readFileSync(join(ENGINE, 'ARCHITECTURE.md'), 'utf8');
    const files = readdirSync(ENGINE).filter((f) => f.endsWith('.ts'));

    const missing = files.filter((f) => !doc.includes(`\`${f}\``));

    expect(files.length).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});
