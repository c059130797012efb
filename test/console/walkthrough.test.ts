/**
 * The tutorial, clicked through in a real browser (Debian's Chromium via playwright-core)
 * against the real server: the app console (sign in, copy the Base URL, create a Secret Token
 * behind a password prompt), the identity console (sign in with the keyboard, users, edit with a
 * field error, soft delete and restore, the gallery, assign a group), then provisioning end to
 * end (provisioning-steps.ts: credentials pasted into the Provisioning tab, Test Connection,
 * status On, the progress bar at 100 %, the users in the app console, an unassigned user
 * disabled, its log entry), a bad SCIM filter, and revoking the token. A screenshot of each
 * step goes to test-output/console/.
 *
 * Without /usr/bin/chromium the test skips with one line saying so; under CI it fails instead.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, before, describe, it, test } from 'node:test';
import type { Page } from 'playwright-core';
import { ensureConsoleBuilt } from '../../scripts/build-console.ts';
import { browserMissing, openChromium } from './chromium.ts';
import { provisioningSteps } from './provisioning-steps.ts';
import { type RunningRoster, roster, startRoster } from './roster-process.ts';

const shots = path.resolve(import.meta.dirname, '../../test-output/console');
const password = 'correct horse battery staple';
const tenant = 'wrike-demo';
const missing = browserMissing();
if (missing && process.env.CI)
  throw new Error(`the console browser test must run in CI, but ${missing}`);

// One clear line, counted as a skipped test, when the browser is not there.
if (missing) test('console walk-through in Chromium', { skip: `skipped: ${missing}` }, () => {});
else
  describe('console walk-through in Chromium', () => {
    let dataDir: string;
    let server: RunningRoster;
    let browser: Awaited<ReturnType<typeof openChromium>>;
    let page: Page;
    let shot = 0;
    let baseUrl = '';
    let token = '';
    /** The app console's tab (signed in as the tenant admin), beside the identity console's. */
    let appConsole: Page;

    const screenshot = async (name: string, on: Page = page) => {
      shot += 1;
      await on.screenshot({
        path: path.join(shots, `${String(shot).padStart(2, '0')}-${name}.png`),
      });
    };
    const clipboard = async (on: Page = page) =>
      String(await on.evaluate('navigator.clipboard.readText()'));

    before(async () => {
      await ensureConsoleBuilt();
      rmSync(shots, { recursive: true, force: true });
      mkdirSync(shots, { recursive: true });
      dataDir = mkdtempSync(path.join(tmpdir(), 'roster-console-e2e-'));
      // The tutorial's prerequisites: a Wrike tenant with an admin, and a directory with a group.
      await roster(
        dataDir,
        'tenant',
        'create',
        tenant,
        '--admin-email',
        'admin@wrike-demo.test',
        '--admin-password',
        password,
        '--profile',
        'wrike',
        '--allowed-domain',
        'contoso.test',
      );
      await roster(
        dataDir,
        'identity-admin',
        'add',
        'it@contoso.test',
        '--role',
        'Global Administrator',
        '--password',
        password,
      );
      const people = [
        'userPrincipalName,givenName,surname,displayName,mail,department,jobTitle',
        'ann@contoso.test,Ann,Lee,Ann Lee,ann@contoso.test,Sales,Account manager',
        'bob@contoso.test,Bob,Ray,Bob Ray,bob@contoso.test,Sales,Sales lead',
        'cy@contoso.test,Cy,Ng,Cy Ng,cy@contoso.test,Finance,Controller',
        // Enough people for a second page of users (25 a page).
        ...Array.from({ length: 30 }, (_, i) => {
          const n = String(i + 1).padStart(2, '0');
          return `temp${n}@contoso.test,Temp,Worker ${n},Temp Worker ${n},temp${n}@contoso.test,Ops,Temp`;
        }),
      ];
      writeFileSync(path.join(dataDir, 'people.csv'), `${people.join('\n')}\n`);
      await roster(
        dataDir,
        'directory',
        'import',
        path.join(dataDir, 'people.csv'),
        '--key',
        'userPrincipalName',
      );
      await roster(dataDir, 'group', 'add', 'Sales', '--description', 'Everyone who sells');
      await roster(
        dataDir,
        'group',
        'add-member',
        'Sales',
        '--user',
        'ann@contoso.test',
        '--user',
        'bob@contoso.test',
      );
      server = await startRoster(dataDir);
      browser = await openChromium();
      await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
        origin: server.url,
      });
      browser.context.setDefaultTimeout(10_000);
      page = await browser.context.newPage();
    });

    afterEach(async (t) => {
      // A failing step leaves a picture of what the browser showed.
      if ('passed' in t && !t.passed && page)
        await screenshot(`FAILED-${t.name.replace(/\W+/g, '-').slice(0, 60)}`);
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it('opens the console at / and chooses the app console', async () => {
      await page.goto(`${server.url}/`);
      await page.getByRole('heading', { name: 'Roster console' }).waitFor();
      await screenshot('home');
      await page.getByRole('link', { name: 'Open the app console' }).click();
      await page.getByRole('heading', { name: 'Sign in to the app console' }).waitFor();
    });

    it('app console: a wrong password is refused in words next to the password', async () => {
      await page.getByLabel('Tenant', { exact: true }).fill(tenant);
      await page.getByLabel('Email', { exact: true }).fill('admin@wrike-demo.test');
      await page.getByLabel('Password', { exact: true }).fill('not the password at all');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const field = page.getByLabel('Password', { exact: true });
      await page.getByText(/email or password is wrong/i).waitFor();
      assert.equal(await field.getAttribute('aria-invalid'), 'true');
      await screenshot('app-sign-in-error');
    });

    it('app console: signs in and shows the SCIM Base URL, copied with one click', async () => {
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'SCIM provisioning' }).waitFor();
      baseUrl = await page.getByRole('textbox', { name: 'Base URL' }).inputValue();
      assert.equal(baseUrl, `${server.url}/scim/v2/${tenant}`);
      await page.getByRole('button', { name: 'Copy Base URL' }).click();
      await page.getByText('Copied to the clipboard.').waitFor();
      assert.equal(await clipboard(), baseUrl);
      await screenshot('app-scim-base-url');
    });

    it('app console: Create token asks for the password again and shows the token once', async () => {
      await page.getByRole('button', { name: 'Create token' }).click();
      const dialog = page.getByRole('dialog', { name: 'Create a Secret Token' });
      await dialog.getByLabel('Password', { exact: true }).fill('wrong password again');
      await dialog.getByRole('button', { name: 'Create token' }).click();
      await dialog.getByText(/email or password is wrong/i).waitFor();
      await screenshot('token-password-prompt-error');
      await dialog.getByLabel('Password', { exact: true }).fill(password);
      await dialog.getByRole('button', { name: 'Create token' }).click();
      const shown = page.getByRole('dialog', { name: 'Your new Secret Token' });
      token = await shown.getByRole('textbox', { name: 'Secret Token' }).inputValue();
      assert.match(token, /^rst_/);
      await shown.getByRole('button', { name: 'Copy token' }).click();
      await shown.getByText('Copied to the clipboard.').waitFor();
      assert.equal(await clipboard(), token);
      await screenshot('token-shown-once');
      await shown.getByRole('button', { name: 'Done' }).click();
      const row = page.getByRole('row', { name: new RegExp(token.slice(0, 10)) });
      await row.getByText('Active').waitFor();
      assert.equal(await page.getByText(token).count(), 0, 'the whole token is never shown again');
      await screenshot('token-list');
    });

    it('identity console: signs in with the keyboard alone and lists the directory', async () => {
      const identity = await browser.context.newPage();
      await identity.goto(`${server.url}/identity`);
      await identity.getByRole('heading', { name: 'Sign in to the identity console' }).waitFor();
      await identity.keyboard.type('it@contoso.test'); // the Email field has the focus
      await identity.keyboard.press('Tab');
      await identity.keyboard.type(password);
      await identity.keyboard.press('Enter');
      await identity.getByRole('heading', { name: 'Users', exact: true }).waitFor();
      await identity.getByRole('link', { name: 'Cy Ng' }).waitFor();
      await identity.getByText('Showing 1–25 of 33 users · page 1 of 2').waitFor();
      await identity.getByRole('button', { name: 'Next' }).click();
      await identity.getByText('Showing 26–33 of 33 users · page 2 of 2').waitFor();
      await screenshot('identity-users-page-2', identity);
      await identity.getByRole('button', { name: 'First' }).click();
      await identity.getByRole('searchbox', { name: 'Search users' }).fill('bo');
      await identity.keyboard.press('Enter');
      await identity.getByRole('link', { name: 'Cy Ng' }).waitFor({ state: 'detached' });
      await identity.getByRole('link', { name: 'Bob Ray' }).waitFor();
      await screenshot('identity-users-search', identity);
      appConsole = page;
      page = identity;
    });

    it('identity console: edits a user, with the API error shown next to its field', async () => {
      await page.getByRole('searchbox', { name: 'Search users' }).fill('');
      await page.keyboard.press('Enter');
      await page.getByRole('link', { name: 'Ann Lee' }).click();
      await page.getByRole('heading', { name: 'Ann Lee' }).waitFor();
      await page.getByLabel('Employee ID').fill('12345678901234567890');
      await page.getByLabel('Job title').fill('Account executive');
      await page.getByRole('button', { name: 'Save' }).click();
      const error = page.getByText(/employeeId has 20 characters/);
      await error.waitFor();
      assert.equal(await page.getByLabel('Employee ID').getAttribute('aria-invalid'), 'true');
      await screenshot('user-field-error');
      await page.getByLabel('Employee ID').fill('E-1001');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('status').getByText('Saved.').waitFor();
      assert.equal(await page.getByLabel('Job title').inputValue(), 'Account executive');
      await page.getByRole('link', { name: 'Sales' }).waitFor(); // member of
    });

    it('identity console: soft-deletes a user and restores it', async () => {
      await page
        .getByRole('navigation', { name: 'Identity console sections' })
        .getByRole('link', { name: 'Users' })
        .click();
      await page.getByRole('link', { name: 'Cy Ng' }).click();
      await page.getByRole('button', { name: 'Delete user' }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete Cy Ng?' });
      await dialog.getByRole('button', { name: 'Delete' }).click();
      await page.getByRole('heading', { name: 'This user is deleted' }).waitFor();
      await screenshot('user-soft-deleted');
      await page.getByRole('button', { name: 'Restore user' }).click();
      await page.getByRole('heading', { name: 'Properties' }).waitFor();
    });

    it('identity console: adds Wrike from the gallery', async () => {
      await page
        .getByRole('navigation', { name: 'Identity console sections' })
        .getByRole('link', { name: 'Enterprise applications' })
        .click();
      await page.getByRole('link', { name: 'New application' }).click();
      await page.getByRole('searchbox', { name: 'Search application' }).fill('wrike');
      await page.getByRole('button', { name: /Generic SCIM/ }).waitFor({ state: 'detached' });
      await page.getByRole('button', { name: /Wrike/ }).click();
      await screenshot('gallery-wrike');
      await page
        .getByRole('form', { name: 'Add Wrike' })
        .getByRole('button', { name: 'Add' })
        .click();
      await page.getByRole('heading', { name: 'Wrike', exact: true }).waitFor();
      await page.getByRole('link', { name: 'Users and groups' }).waitFor();
      await screenshot('app-wrike-overview');
    });

    it('identity console: assigns the Sales group to Wrike with the User role', async () => {
      await page.getByRole('link', { name: 'Users and groups' }).click();
      await page.getByRole('button', { name: 'Add user/group' }).click();
      await page.getByRole('searchbox', { name: 'Find a group' }).fill('Sal');
      await page.getByRole('radio', { name: /Sales/ }).check();
      await page.getByLabel('Role').selectOption({ label: 'User' });
      await page.getByRole('button', { name: 'Assign', exact: true }).click();
      await page.getByText('Sales is assigned as User.').waitFor();
      const row = page.getByRole('row', { name: /Sales/ });
      await row.getByRole('cell', { name: 'Group', exact: true }).waitFor();
      await row.getByRole('cell', { name: 'User', exact: true }).waitFor();
      await screenshot('wrike-assigned-sales');
    });

    it('identity console: a Default Access assignment is marked unprovisioned, and unassigns', async () => {
      await page.getByRole('button', { name: 'Add user/group' }).click();
      await page.getByLabel('Assign a').selectOption('user');
      await page.getByRole('searchbox', { name: 'Find a user' }).fill('cy');
      await page.getByRole('radio', { name: /Cy Ng/ }).check();
      await page.getByLabel('Role').selectOption({ label: 'Default Access' });
      await page.getByText(/Default Access grants sign-in only/).waitFor();
      await page.getByRole('button', { name: 'Assign', exact: true }).click();
      const row = page.getByRole('row', { name: /Cy Ng/ });
      await row.getByText(/No \(Default Access is never provisioned\)/).waitFor();
      await screenshot('wrike-default-access');
      await row.getByRole('button', { name: 'Unassign Cy Ng' }).click();
      await page.getByText('Cy Ng is no longer assigned.').waitFor();
      await row.waitFor({ state: 'detached' });
    });

    provisioningSteps({
      url: () => server.url,
      identity: () => page,
      appConsole: () => appConsole,
      tenant,
      baseUrl: () => baseUrl,
      token: () => token,
      screenshot,
    });

    it('app console: a bad SCIM filter is explained next to the filter box', async () => {
      page = appConsole;
      await page.getByRole('searchbox', { name: 'SCIM filter' }).fill('userName sw');
      await page.getByRole('button', { name: 'Apply filter' }).click();
      await page.getByText(/filter is not usable/i).waitFor();
      assert.equal(
        await page.getByRole('searchbox', { name: 'SCIM filter' }).getAttribute('aria-invalid'),
        'true',
      );
      await page.getByRole('searchbox', { name: 'SCIM filter' }).fill('userName sw "ann"');
      await page.getByRole('button', { name: 'Apply filter' }).click();
      await page.getByRole('row', { name: /ann@contoso\.test/ }).waitFor();
    });

    it('app console: revoking the token stops the IdP at once', async () => {
      await page
        .getByRole('navigation', { name: /App console/ })
        .getByRole('link', { name: 'SCIM', exact: true })
        .click();
      const row = page.getByRole('row', { name: new RegExp(token.slice(0, 10)) });
      await row.getByRole('button', { name: /Revoke/ }).click();
      await page
        .getByRole('dialog', { name: 'Revoke this token?' })
        .getByRole('button', { name: 'Revoke' })
        .click();
      await row.getByText(/Revoked/).waitFor();
      await screenshot('token-revoked');
      const refused = await fetch(`${baseUrl}/Users`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(refused.status, 401);
    });
  });
