import type { Locator, Page } from '@playwright/test';

/** The top bar every signed-in page has: main navigation, who is signed in, sign out. */
export class AppShell {
  readonly nav: Locator;
  readonly currentUser: Locator;
  readonly signOut: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.currentUser = page.getByTestId('current-user');
    this.signOut = page.getByRole('button', { name: 'Sign out' });
  }

  navLink(label: string): Locator {
    return this.nav.getByRole('link', { name: label, exact: true });
  }
}
