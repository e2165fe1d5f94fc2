import type { Locator, Page } from '@playwright/test';

/**
 * The top bar every signed-in page has: the main navigation (daily pages inline, settings
 * under an "Admin" or "More pages" menu), the account menu (who is signed in, Account, API
 * tokens, Sign out) and the skip link.
 */
export class AppShell {
  readonly nav: Locator;
  readonly accountNav: Locator;
  /** The account menu's button: "<display name> · <role>". */
  readonly currentUser: Locator;
  /** The Sign out button (inside the account menu: `signOutNow()` opens it first). */
  readonly signOut: Locator;
  readonly skipLink: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.accountNav = page.getByRole('navigation', { name: 'Account' });
    this.currentUser = page.getByTestId('current-user');
    this.signOut = this.accountNav.getByRole('button', { name: 'Sign out' });
    this.skipLink = page.getByRole('link', { name: 'Skip to main content' });
  }

  /** The "Admin" (admins) or "More pages" menu button of the main navigation. */
  get moreMenu(): Locator {
    return this.nav.getByRole('button', { name: /^(Admin|More pages)/ });
  }

  /** A link of either navigation as it is now (a link in a closed menu is not visible: see `reveal`). */
  navLink(label: string): Locator {
    return this.page.getByRole('navigation').getByRole('link', { name: label, exact: true });
  }

  /** Opens the menus (main and account) and returns every link label they offer. */
  async navLabels(): Promise<string[]> {
    if ((await this.moreMenu.count()) > 0) await this.openMenu(this.moreMenu);
    const main = await this.nav.getByRole('link').allTextContents();
    await this.openMenu(this.currentUser);
    const account = await this.accountNav.getByRole('link').allTextContents();
    await this.page.keyboard.press('Escape');
    return [...main, ...account].map((t) => t.trim());
  }

  /** The link `label`, after opening the menu holding it when it is not inline. */
  async reveal(label: string): Promise<Locator> {
    const link = this.navLink(label);
    if (await link.isVisible()) return link;
    for (const menu of [this.moreMenu, this.currentUser]) {
      if ((await menu.count()) === 0) continue;
      await this.openMenu(menu);
      if (await link.isVisible()) return link;
      await this.page.keyboard.press('Escape');
    }
    return link;
  }

  /** Follows the navigation link `label`, wherever it is. */
  async go(label: string): Promise<void> {
    await (await this.reveal(label)).click();
  }

  async signOutNow(): Promise<void> {
    await this.openMenu(this.currentUser);
    await this.signOut.click();
  }

  private async openMenu(button: Locator): Promise<void> {
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  }
}
