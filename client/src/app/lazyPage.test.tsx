// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from './lazyPage';

afterEach(cleanup);

const Hello = ({ name }: { name: string }) => <h1>Hello {name}</h1>;

function withLoader() {
  let loads = 0;
  const Page = page(async () => {
    loads++;
    return Hello;
  });
  return { Page, loads: () => loads };
}

const draw = (Page: ReturnType<typeof withLoader>['Page']) =>
  render(
    <Suspense fallback={<p>Loading the page…</p>}>
      <Page name="Ada" />
    </Suspense>,
  );

describe('pages loaded on first use', () => {
  it('when the code was preloaded then the page renders at once, without the loading state', async () => {
    const { Page, loads } = withLoader();
    Page.preload();
    await Promise.resolve();
    await Promise.resolve();
    draw(Page);
    expect(screen.queryByText('Loading the page…')).toBeNull();
    expect(screen.getByRole('heading').textContent).toBe('Hello Ada');
    expect(loads()).toBe(1);
  });

  it('when the code is not there yet then the loading state shows until it arrives, and it is loaded once', async () => {
    const { Page, loads } = withLoader();
    draw(Page);
    expect(screen.getByText('Loading the page…')).toBeTruthy();
    expect((await screen.findByRole('heading')).textContent).toBe('Hello Ada');
    Page.preload();
    expect(loads()).toBe(1);
  });
});
