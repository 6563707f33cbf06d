import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startStack, type RunningStack } from '../../scripts/lib/stack';
import { launchChromium, screenshot } from './browser';

/**
 * What a clinic does on its first day, in a real browser on the real stack: sign up, log in, add a
 * patient, send them an intake link they answer in Spanish, see their data DELIVERED to the EHR,
 * change the mapping and see the preview change, delete the patient. The steps share one browser
 * session and run in order; each saves a screenshot.
 */
const run = Date.now().toString(36);
const ADMIN = { name: 'Dana Admin', email: `dana.${run}@e2e-clinic.test`, password: 'correct-horse-battery-staple' };
const CLINIC = `E2E Clinic ${run}`;

let stack: RunningStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let appUrl: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  appUrl = stack.gatewayUrl.replace('/graphql', '');
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('a clinic’s first day', () => {
  it('signs up a new clinic', async () => {
    await page.goto(`${appUrl}/signup`);
    await page.getByLabel('Register a new clinic').check();
    await page.getByLabel('Your name').fill(ADMIN.name);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByLabel('Organization name').fill(CLINIC);
    await page.getByLabel('Kind of organization').selectOption('CLINIC');
    await page.getByLabel('EHR system').selectOption({ label: 'Athena' });
    await screenshot(page, '01-signup');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Your account is ready').waitFor();
  });

  it('logs in and sees an empty patient list', async () => {
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
    await page.getByText('No patients yet').waitFor();
    await page.getByText(CLINIC).waitFor();
    await screenshot(page, '02-patients-empty');
  });
});
