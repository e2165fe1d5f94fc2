// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { NameTick, shortName, TICK_CHARS } from './NameTick';

afterEach(cleanup);

describe('workflow name ticks', () => {
  it('when a name is longer than a tick shows then it is cut with an ellipsis; shorter names stay whole', () => {
    expect(shortName('Compromised account containment')).toBe('Compromised accou…');
    expect(shortName('Compromised account containment')).toHaveLength(TICK_CHARS);
    expect(shortName('Phishing triage')).toBe('Phishing triage');
  });

  it('when a tick is drawn then it is slanted, shows the short name and carries the whole name as its tooltip', () => {
    const { container } = render(
      <svg>
        <NameTick x={40} y={200} payload={{ value: 'Compromised account containment' }} />
      </svg>,
    );

    const text = container.querySelector('text');
    expect(text?.getAttribute('transform')).toBe('rotate(-30)');
    expect(text?.getAttribute('text-anchor')).toBe('end');
    expect(container.querySelector('title')?.textContent).toBe('Compromised account containment');
    expect(text?.textContent).toBe('Compromised account containmentCompromised accou…');
    expect(container.querySelector('g')?.getAttribute('transform')).toBe('translate(40,200)');
  });
});
