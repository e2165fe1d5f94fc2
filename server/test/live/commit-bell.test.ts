/** The bell on the engine's commits (executor/commit-bell.ts). */
import { describe, expect, it } from 'vitest';
import type { RunCommit, RunStore } from '../../src/engine';
import { ringOnCommit } from '../../src/executor/commit-bell';

const commit = { state: {}, results: [], attempts: [] } as unknown as RunCommit;

describe('ringOnCommit', () => {
  it('when a commit is stored then the bell rings with the row id; when it is refused then it does not', async () => {
    const rung: string[] = [];
    let refuse = false;
    const store: RunStore = {
      commit: async () => {
        if (refuse) throw new Error('conflict');
      },
      load: async () => undefined,
      due: async () => [],
    };
    const bell = ringOnCommit(store, (id) => rung.push(id));

    await bell.commit('01a24c07-4429-7ce9-8913-fa4641f790d3', commit);
    refuse = true;
    await expect(bell.commit('01a24c07-4429-7ce9-8913-fa4641f790d4', commit)).rejects.toThrow('conflict');

    expect(rung).toEqual(['01a24c07-4429-7ce9-8913-fa4641f790d3']);
  });

  it("when the store holds runs in memory then the wrapper still answers `holds` with the store's answer", () => {
    const plain: RunStore = { commit: async () => undefined, load: async () => undefined, due: async () => [] };
    const holding: RunStore = { ...plain, holds: (id) => id === 'held' };

    const bell = ringOnCommit(holding, () => undefined);

    expect(bell.holds?.('held')).toBe(true);
    expect(bell.holds?.('stored')).toBe(false);
    expect(ringOnCommit(plain, () => undefined).holds).toBeUndefined();
  });
});
