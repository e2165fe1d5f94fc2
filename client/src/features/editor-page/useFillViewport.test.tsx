// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useFillViewport } from './useFillViewport';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function Page() {
  const fill = useFillViewport<HTMLDivElement>();
  return (
    <div style={{ paddingBottom: '16px' }}>
      <div ref={fill} data-testid="page" />
    </div>
  );
}

/** The editor page starts `top` px down a window `height` px tall. */
function layout(top: number, height: number) {
  vi.spyOn(document.documentElement, 'clientHeight', 'get').mockReturnValue(height);
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, top, 1280, 10));
}

describe('useFillViewport (the editor page never makes the window scroll)', () => {
  it('when the app bar ends at 100 px of an 800 px window then the page is as tall as what is left, less the bottom padding', () => {
    layout(100, 800);
    const { getByTestId } = render(<Page />);
    expect(getByTestId('page').style.height).toBe(`${800 - 100 - 16}px`);
  });

  it('when the window is resized (the app bar wraps to two lines) then the height follows', () => {
    layout(100, 800);
    const { getByTestId } = render(<Page />);
    layout(140, 700);
    window.dispatchEvent(new Event('resize'));
    expect(getByTestId('page').style.height).toBe(`${700 - 140 - 16}px`);
  });
});
