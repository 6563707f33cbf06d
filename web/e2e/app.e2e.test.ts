import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startStack, type RunningStack } from '../../scripts/lib/stack';
import { axeViolations, lastColumnVisible } from './axe';
import { launchChromium, screenshot } from './browser';

/**
 * What a clinic does on its first day, in a real browser on the real stack: sign up, log in, add a
 * patient, send them an intake link they answer in Spanish, see their data DELIVERED to the EHR,
 * change the mapping and see the preview change, invite a colleague, delete the patient. The steps
 * share one browser session and run in order; each saves a screenshot, and each page it shows is
 * checked with axe-core (the findings are asserted together at the end, so one page's violation
 * does not hide the next page's).
 */
const run = Date.now().toString(36);
const ADMIN = { name: 'Dana Admin', email: `dana.${run}@e2e-clinic.test`, password: 'correct-horse-battery-staple' };
const CLINIC = `E2E Clinic ${run}`;
const PATIENT = {
  firstName: 'Lucía',
  lastName: `Fernández${run}`,
  dateOfBirth: '1985-07-14',
  email: `lucia.${run}@example.test`,
};
const ROW_NAME = `${PATIENT.lastName}, ${PATIENT.firstName}`;

let stack: RunningStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let appUrl: string;
let intakeUrl: string;
/** axe-core's violations by page (screenshot name), of every page the journey showed. */
const violations: Record<string, string[]> = {};

/** Saves the screenshot and records the page's accessibility violations under the same name. */
async function visited(on: Page, name: string): Promise<void> {
  await screenshot(on, name);
  const found = await axeViolations(on);
  if (found.length > 0) violations[name] = found;
}

/** Another helper's behaviour, awaited briefly: when it is missing, the step fails fast. */
const BRIEF = { timeout: 5_000 };

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  appUrl = stack.gatewayUrl.replace('/graphql', '');
  // A common laptop screen: every table's last column must show at this size without scrolling.
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
});

// A failed step leaves a picture of the page as it was.
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await screenshot(page, `failed-${task.name.replace(/\W+/g, '-')}`);
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
    await visited(page, '01-signup');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Your account is ready').waitFor();
    await visited(page, '01b-login-after-signup');
  });

  it('logs in and sees an empty patient list', async () => {
    // The email just registered is filled in already.
    expect(await page.getByLabel('Email').inputValue()).toBe(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
    await page.getByText('No patients yet').waitFor();
    await page.getByRole('banner').getByText(CLINIC).waitFor();
    await visited(page, '02-patients-empty');
  });

  it('adds a patient with the form', async () => {
    await page.getByRole('button', { name: 'Add patient', exact: true }).click();
    await page.getByLabel('First name').fill(PATIENT.firstName);
    await page.getByLabel('Last name').fill(PATIENT.lastName);
    await page.getByLabel('Gender').selectOption('FEMALE');
    await page.getByLabel('Date of birth').fill(PATIENT.dateOfBirth);
    await page.getByLabel('Email (optional)').fill(PATIENT.email);
    await visited(page, '03-add-patient');
    await page.locator('form').getByRole('button', { name: 'Add patient', exact: true }).click();
    await page.getByText(`${PATIENT.firstName} ${PATIENT.lastName} was added.`).waitFor();
    await page.getByRole('rowheader', { name: ROW_NAME }).waitFor();
    await visited(page, '04-patients');
    expect(await lastColumnVisible(page.locator('table').first())).toEqual({
      visible: true,
      detail: expect.any(String) as string,
    });
  });

  it('comes back from a patient to the list with its search kept', async () => {
    const search = page.getByLabel('Search patients');
    await search.fill(PATIENT.lastName);
    // The search reaches the address once typing pauses.
    await page.waitForURL((url) => url.searchParams.get('q') === PATIENT.lastName);
    await page.getByRole('rowheader', { name: ROW_NAME }).waitFor();
    await page.getByRole('link', { name: ROW_NAME }).click();
    await page.getByRole('heading', { name: 'EHR preview' }).waitFor();
    await page.goBack();
    await page.getByRole('rowheader', { name: ROW_NAME }).waitFor();
    expect(await search.inputValue()).toBe(PATIENT.lastName);
  });

  it('opens the patient and creates an intake link', async () => {
    await page.getByRole('link', { name: ROW_NAME }).click();
    await page.getByRole('heading', { name: 'EHR preview' }).waitFor();
    await page.getByRole('button', { name: 'Create intake link' }).click();
    const url = page.getByRole('textbox', { name: 'Intake link URL' });
    await url.waitFor();
    intakeUrl = await url.inputValue();
    expect(intakeUrl).toMatch(new RegExp(`^${appUrl}/intake/[\\w-]{22}$`));
    await visited(page, '05-patient');
  });

  it('the patient answers the questionnaire in Spanish on a phone', async () => {
    // The patient's own phone: no staff session, a small screen, a Spanish browser left in English.
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const intake = await phone.newPage();
    intake.setDefaultTimeout(15_000);
    try {
      await intake.goto(intakeUrl);
      await intake.getByRole('button', { name: 'Send answers' }).waitFor();
      await intake.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Español' }).click();
      const send = intake.getByRole('button', { name: 'Enviar respuestas' });
      await send.waitFor();
      // Nothing fits sideways: the page is made for this width.
      expect(await intake.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await visited(intake, '06-intake-es');

      // One answer per question, whatever its control.
      const form = intake.locator('form');
      for (const group of await form.locator('fieldset').all()) await group.locator('input').first().check();
      for (const text of await form.locator('textarea').all()) await text.fill('Ninguno');
      for (const number of await form.locator('input[inputmode="decimal"], input[inputmode="numeric"]').all())
        await number.fill('3');
      for (const date of await form.locator('input[type="date"]').all()) await date.fill('2025-03-01');
      await send.click();
      await intake.getByRole('heading', { name: 'Gracias', level: 1 }).waitFor();
      await visited(intake, '07-intake-done');
    } catch (error) {
      await screenshot(intake, 'failed-intake');
      throw error;
    } finally {
      await phone.close();
    }
  });

  it('the used intake link says so as soon as it is opened', async () => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    try {
      const intake = await phone.newPage();
      await intake.goto(intakeUrl);
      await intake.getByRole('heading', { name: 'You have already answered this questionnaire' }).waitFor(BRIEF);
      await visited(intake, '07b-intake-used');
    } finally {
      await phone.close();
    }
  });

  it('sees the answers and the delivery DELIVERED on the patient’s page', async () => {
    const transactions = page.getByRole('region', { name: /Deliveries of this patient/ });
    const answered = transactions.getByRole('row').filter({ hasText: 'Questionnaire answered' });
    // The worker delivers within seconds; the page shows what the graph says when it loads.
    for (let attempt = 0; attempt < 30; attempt++) {
      await page.reload();
      await transactions.waitFor();
      const statuses = await answered.getByRole('rowheader').allInnerTexts();
      if (statuses.length > 0 && statuses.every((status) => status === 'Delivered')) break;
      await page.waitForTimeout(1_000);
    }
    expect(await answered.getByRole('rowheader').allInnerTexts()).not.toEqual([]);
    expect(new Set(await answered.getByRole('rowheader').allInnerTexts())).toEqual(new Set(['Delivered']));
    expect(new Set(await transactions.getByRole('rowheader').allInnerTexts())).toEqual(new Set(['Delivered']));
    await visited(page, '08-patient-delivered');
  });

  it('changes the mapping: the draft preview, then the patient’s preview, lose the unmapped email', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'EHR mappings' }).click();
    await page.getByRole('combobox', { name: 'EHR system' }).waitFor();
    await page.getByRole('searchbox', { name: 'Find a sample patient' }).fill(PATIENT.lastName);
    const sample = page.getByRole('combobox', { name: 'Sample patient' });
    await sample.locator('option', { hasText: PATIENT.lastName }).waitFor({ state: 'attached' });
    const output = page.getByRole('region', { name: 'Preview output' });
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await output.getByText('PATIENT_EMAIL_ID', { exact: true }).waitFor();
    await output.getByText(PATIENT.email).waitFor();

    // Athena's email entry is optional: take it out of the draft and try again.
    const sources = await page.getByRole('combobox', { name: /^Source, row \d+$/ }).all();
    const values = await Promise.all(sources.map((source) => source.inputValue()));
    const row = values.indexOf('email') + 1;
    expect(row).toBeGreaterThan(0);
    await page.getByRole('button', { name: `Remove row ${row}`, exact: true }).click();
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await output.getByText('PATIENT_EMAIL_ID', { exact: true }).waitFor({ state: 'detached' });
    await output.getByText(PATIENT.lastName).first().waitFor();
    await visited(page, '09-mapping-draft-preview');

    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page
      .getByRole('region', { name: /^Publish version \d+\?$/ })
      .getByRole('button', { name: 'Confirm publish' })
      .click();
    await page.getByText('Version 2 published.').waitFor();
    await visited(page, '10-mapping-published');

    await page.getByRole('navigation').getByRole('link', { name: 'Patients' }).click();
    await page.getByRole('link', { name: ROW_NAME }).click();
    const preview = page.getByRole('region', { name: 'EHR preview' });
    await preview.getByText('PATIENT_IDENT_NAME').first().waitFor();
    // The page may show its cached copy first; the fresh preview has no email entry.
    await preview.getByText('PATIENT_EMAIL_ID', { exact: true }).waitFor({ state: 'detached' });
    await preview.getByText('PATIENT_IDENT_NAME').first().waitFor();
    await visited(page, '11-patient-preview-after-publish');
  });

  it('shows the delivery monitor and the bulk tools', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Delivery monitor' }).click();
    await page.getByRole('region', { name: 'EHR transactions of your organization, newest first' }).waitFor();
    await visited(page, '12-delivery');
    const transactions = page.getByRole('region', { name: 'EHR transactions of your organization, newest first' });
    expect(await lastColumnVisible(transactions.locator('table'))).toEqual({
      visible: true,
      detail: expect.any(String) as string,
    });
    await page.getByRole('tab', { name: 'Bulk changes' }).click();
    await page.getByRole('button', { name: 'Check count' }).first().click();
    // The clinic has one patient, with one request per endpoint that has data.
    await page.getByText(/This will send 1 patient \(\d+ requests\) to the EHR\./).waitFor();
    await visited(page, '13-bulk');
  });

  it('invites a colleague as a clinician, and lists the code', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Invites' }).click();
    await page.getByRole('heading', { name: 'Invites', level: 1 }).waitFor();
    await page.getByText('No pending invites').waitFor();
    await page.getByLabel('Role').selectOption('CLINICIAN');
    await page.getByRole('button', { name: 'Create invite code' }).click();
    await page.getByText(/New invite code for the Clinician role/).waitFor();
    expect(await page.getByRole('table').getByRole('row').count()).toBe(2);
    await visited(page, '13b-invites');
  });

  it('deletes the patient after confirming', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Patients' }).click();
    await page.getByRole('button', { name: `Delete ${ROW_NAME}` }).click();
    const dialog = page.getByRole('alertdialog', { name: `Delete ${PATIENT.firstName} ${PATIENT.lastName}?` });
    await dialog.waitFor();
    await visited(page, '14-delete-confirm');
    await dialog.getByRole('button', { name: 'Delete patient' }).click();
    await page.getByText(`${PATIENT.firstName} ${PATIENT.lastName} was deleted.`).waitFor();
    await page.getByText('No patients yet').waitFor();
    expect(await page.getByRole('rowheader', { name: ROW_NAME }).count()).toBe(0);
  });

  it('switches the whole interface to Spanish', async () => {
    await page.getByRole('banner').getByRole('combobox', { name: 'Language' }).selectOption('es');
    await page.getByRole('navigation').getByRole('link', { name: 'Pacientes' }).click();
    await page.getByRole('heading', { name: 'Pacientes', level: 1 }).waitFor();
    await visited(page, '15-patients-es');
  });

  it('showed no page with an accessibility violation', () => {
    expect(violations).toEqual({});
  });
});
