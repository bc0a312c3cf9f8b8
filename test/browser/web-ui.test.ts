import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import type { RoleId } from '../../src/services/accounts/roles.ts';
import { newRussianContext } from './chromium-browser.ts';
import { screenshot, useBrowserSuite } from './browser-suite.ts';
import { PASSWORD } from './seeded-server.ts';
import type { SeededServer } from './seeded-server.ts';

const UPLOADED_CALL = [
  'Менеджер: Добрый день, компания «Кухни Плюс», меня зовут Ольга. Чем могу помочь?',
  'Клиент: Здравствуйте. Хочу узнать, когда привезут мой заказ.',
  'Менеджер: Подскажите, пожалуйста, номер заказа.',
  'Клиент: Двести сорок один.',
  'Менеджер: Вижу заказ, доставка в четверг с десяти до двух. Я перезвоню вам завтра до обеда и подтвержу время.',
  'Клиент: Хорошо, спасибо.',
  'Менеджер: Спасибо за звонок, до свидания!',
].join('\n');

let server: SeededServer;
let browser: Browser | undefined;
const pages = new Map<RoleId, Page>();

useBrowserSuite((started) => {
  server = started.server;
  browser = started.browser;
});

function pageOf(role: RoleId): Page {
  const page = pages.get(role);
  if (page === undefined) {
    throw new Error(`${role} has not signed in`);
  }
  return page;
}

function openBrowser(): Browser {
  if (browser === undefined) {
    throw new Error('Chromium did not start');
  }
  return browser;
}

/**
 * A time in the week of the sample calls (2–4 December 2026). A browser with its clock fixed there opens
 * its calendars on their month and shows their last day as «yesterday».
 */
const SAMPLE_WEEK_NOW = '2026-12-05T12:00:00+03:00';

async function signIn(role: RoleId, login = server.users[role].login): Promise<Page> {
  const page = await signedInPage(login);
  pages.set(role, page);
  return page;
}

/** Signs `login` in with a browser context of its own, with the page clock fixed at `now` when given. */
async function signedInPage(login: string, now?: string): Promise<Page> {
  const context = await newRussianContext(openBrowser(), server.url);
  const page = await context.newPage();
  if (now !== undefined) {
    await page.clock.setFixedTime(new Date(now));
  }
  await page.goto('/login');
  await page.getByLabel('Логин или e-mail').fill(login);
  await page.getByLabel('Пароль').fill(PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('navigation', { name: 'Разделы' }).waitFor();
  return page;
}

async function navLabels(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: 'Разделы' }).locator('a.mantine-NavLink-root').allInnerTexts();
}

/** Finds the calendar of the date picker labelled `picker`, open or not. */
function calendar(page: Page, picker: string): Locator {
  return page.locator('[data-dates-dropdown]').and(page.getByRole('dialog', { name: picker }));
}

/** Finds a day button of a calendar by its accessible name, such as «2 декабря 2026». */
function calendarDay(page: Page, picker: string, day: string): Locator {
  return calendar(page, picker).getByRole('button', { name: day, exact: true });
}

/** Returns the texts of the elements that do not show in full: cut with an ellipsis or clamped to fewer lines. */
async function cutTexts(locator: Locator): Promise<string[]> {
  return locator.evaluateAll((elements) =>
    elements.filter((element) => element.scrollWidth > element.clientWidth || element.scrollHeight > element.clientHeight).map((element) => element.textContent),
  );
}

/** Reads the score shown in the review page header. */
async function headerScore(page: Page): Promise<string> {
  return page.getByTestId('call-score').innerText();
}

/** Reads the manager's average score from the report's comparison table. */
async function reportScoreOf(page: Page, manager: string): Promise<string> {
  await page.goto('/report?from=2026-01-01&to=2026-12-31');
  const row = page.getByTestId(`comparison-${manager}`);
  await row.waitFor();
  return row.getByLabel(/^Оценка/u).innerText();
}

describe('web UI', { timeout: 90_000 }, () => {
  it('login rejects a wrong password in Russian', async () => {
    const context = await newRussianContext(openBrowser(), server.url);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByRole('heading', { name: 'Вход в okk' }).waitFor();
    await screenshot(page, '01-login');

    await page.getByLabel('Логин или e-mail').fill('okk');
    await page.getByLabel('Пароль').fill('неверный-пароль');
    await page.getByRole('button', { name: 'Войти' }).click();

    await expect(page.getByRole('alert').innerText()).resolves.toMatch(/Неверный логин или пароль/u);
    expect(page.url()).toContain('/login');
    await context.close();
  });

  it('each role starts on its own page with its own sections', async () => {
    const manager = await signIn('manager');
    const reviewer = await signIn('qa_reviewer');
    const head = await signIn('head_of_sales');
    const admin = await signIn('admin');

    expect(new URL(manager.url()).pathname).toBe('/my');
    expect(new URL(reviewer.url()).pathname).toBe('/calls');
    expect(new URL(head.url()).pathname).toBe('/report');
    expect(new URL(admin.url()).pathname).toBe('/calls');

    expect(await navLabels(manager)).toEqual(['Мой разбор', 'Мои звонки', 'Мои споры']);
    expect(await navLabels(reviewer)).not.toContain('Пользователи');
    expect(await navLabels(admin)).toEqual(expect.arrayContaining(['Звонки', 'Отчёт РОП', 'Чек-листы', 'Загрузка', 'Пользователи', 'Интеграции']));
  });

  it('manager sees only their own calls', async () => {
    const page = pageOf('manager');
    await page.goto('/calls');
    await page.getByRole('heading', { name: 'Мои звонки' }).waitFor();
    const rows = page.locator('tbody tr');
    await rows.first().waitFor();

    expect(await rows.count()).toBe(1);
    expect(await page.getByRole('columnheader', { name: 'Менеджер' }).count()).toBe(0);
  });

  it('calls list keeps filters in the URL', async () => {
    const page = pageOf('qa_reviewer');
    await page.goto('/calls');
    await page.getByText(/^Найдено \d+ звонк/u).waitFor();
    const all = await page.locator('tbody tr').count();
    await screenshot(page, '02-calls');

    await page.goto('/calls?findingKind=irritation&sort=score&order=asc');
    await page.getByText(/^Найдено \d+ звонк/u).waitFor();
    const filtered = await page.locator('tbody tr').count();

    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(all);
    await page.getByRole('button', { name: 'Сбросить фильтры' }).click();
    await page.waitForURL((url) => !url.search.includes('findingKind'));
  });

  it('calls period set by two clicks', async () => {
    const page = await signedInPage(server.users.qa_reviewer.login, SAMPLE_WEEK_NOW);
    await page.goto('/calls');
    const found = page.getByText(/^Найдено \d+ звонк/u);
    const all = await found.innerText();
    const period = page.getByRole('button', { name: 'Период' });

    await period.click();
    await calendarDay(page, 'Период', '2 декабря 2026').click();
    // The first day stays marked while the list waits for the second one.
    expect(await calendarDay(page, 'Период', '2 декабря 2026').getAttribute('data-selected')).toBe('true');
    expect(new URL(page.url()).search).toBe('');

    // The list asks the API up to the next day, as `to` there is exclusive.
    const [request] = await Promise.all([
      page.waitForRequest((sent) => {
        const url = new URL(sent.url());
        return url.pathname === '/api/v1/calls' && url.searchParams.get('from') === '2026-12-02';
      }),
      calendarDay(page, 'Период', '3 декабря 2026').click(),
    ]);
    expect(new URL(request.url()).searchParams.get('to')).toBe('2026-12-04');
    await page.waitForURL((url) => url.search === '?from=2026-12-02&to=2026-12-03');
    expect(await period.innerText()).toBe('02.12.2026 – 03.12.2026');
    await expect.poll(() => found.innerText()).not.toBe(all);
    const days = await page.getByTestId('calls-table').locator('tbody tr td:first-child').allInnerTexts();
    expect(days.length).toBeGreaterThan(0);
    expect(days.filter((day) => !/^0[23]\.12\.2026/u.test(day))).toEqual([]);

    // Closing the calendar after one click keeps the period the list has.
    await period.click();
    await calendarDay(page, 'Период', '1 декабря 2026').click();
    await page.keyboard.press('Escape');
    await calendar(page, 'Период').waitFor({ state: 'hidden' });
    expect(new URL(page.url()).search).toBe('?from=2026-12-02&to=2026-12-03');
    expect(await period.innerText()).toBe('02.12.2026 – 03.12.2026');
    await page.context().close();
  });

  it('manager column sorts А→Я first', async () => {
    const page = pageOf('qa_reviewer');
    await page.goto('/calls');
    await page.getByText(/^Найдено \d+ звонк/u).waitFor();
    const header = page.getByRole('columnheader', { name: 'Менеджер' });

    await header.getByRole('button').click();
    await page.waitForURL((url) => url.search === '?sort=manager&order=asc');
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    const names = async () => (await page.getByTestId('call-manager').allInnerTexts()).filter((name) => name !== 'Менеджер не указан');
    await expect.poll(async () => {
      const listed = await names();
      return listed.length > 1 && listed.every((name, index) => index === 0 || (listed[index - 1] ?? '').localeCompare(name, 'ru') <= 0);
    }).toBe(true);

    await header.getByRole('button').click();
    await page.waitForURL((url) => url.search === '?sort=manager');
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
  });

  it('calls list shows names in full', async () => {
    const page = pageOf('qa_reviewer');
    await page.goto('/calls');
    const managers = page.getByTestId('call-manager');
    await managers.first().waitFor();
    expect(await cutTexts(managers)).toEqual([]);

    const longest = (texts: string[]) => texts.reduce((best, text) => (text.length > best.length ? text : best), '');
    const picked: string[] = [];
    for (const label of ['Менеджер', 'Команда']) {
      await page.getByRole('combobox', { name: label }).click();
      const options = page.getByRole('option');
      await options.first().waitFor();
      const option = longest(await options.allInnerTexts());
      await page.getByRole('option', { name: option, exact: true }).click();
      await page.keyboard.press('Escape');
      await expect.poll(() => options.count()).toBe(0);
      picked.push(option);
    }
    const pills = page.locator('.mantine-Pill-root');
    await expect.poll(() => pills.allInnerTexts()).toEqual(picked);
    expect(await cutTexts(pills.locator('.mantine-Pill-label'))).toEqual([]);
    // A pill is as wide as its text and its remove button, not as the whole field.
    const stretched = await pills.evaluateAll((elements) =>
      elements.filter((element) => {
        const parts = [...element.children].reduce((sum, child) => sum + child.getBoundingClientRect().width, 0);
        return element.getBoundingClientRect().width > parts + 32;
      }).length,
    );
    expect(stretched).toBe(0);
    expect(await pills.evaluateAll((elements) => elements.map((element) => element.getAttribute('title')))).toEqual(picked);
  });

  it('export links carry the list filters', async () => {
    const page = pageOf('qa_reviewer');
    await page.goto('/calls?findingKind=irritation&sort=score&order=asc');
    const found = await page.getByText(/^Найдено \d+ звонк/u).innerText();

    await page.getByRole('button', { name: 'Выгрузить' }).click();
    const excel = page.getByRole('menuitem', { name: 'Excel (.xlsx)' });
    expect(await excel.getAttribute('href')).toBe('/api/v1/calls/export.xlsx?findingKind=irritation&sort=score&order=asc');
    expect(await page.getByRole('menuitem', { name: /Windows-1251/u }).getAttribute('href')).toBe(
      '/api/v1/calls/export.csv?findingKind=irritation&sort=score&order=asc&encoding=cp1251',
    );

    // The browser follows the link with the session cookie, and the file contains the calls the list found.
    const [download] = await Promise.all([page.waitForEvent('download'), excel.click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    expect(download.suggestedFilename()).toBe('okk-calls.xlsx');
    expect(workbook.getWorksheet('Звонки')?.rowCount).toBe(Number(/\d+/u.exec(found)?.[0]) + 1);
  });

  it('report export link carries the period', async () => {
    const page = pageOf('head_of_sales');
    await page.goto('/report?from=2026-01-01&to=2026-12-31');
    const button = page.getByRole('link', { name: 'Выгрузить в Excel' });
    const href = new URL((await button.getAttribute('href')) ?? '', server.url);

    expect(href.pathname).toBe('/api/v1/reports/export.xlsx');
    expect([href.searchParams.get('from'), href.searchParams.get('to'), href.searchParams.get('weeks')]).toEqual(['2026-01-01', '2027-01-01', '12']);
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Причины', 'Менеджеры', 'По неделям']);
  });

  it('report period set by two clicks', async () => {
    const page = await signedInPage(server.users.head_of_sales.login, SAMPLE_WEEK_NOW);
    await page.getByText(/^за 30 дней$/u).waitFor();
    const period = page.getByRole('button', { name: 'Свой период' });

    await period.click();
    await calendarDay(page, 'Свой период', '2 декабря 2026').click();
    expect(await calendarDay(page, 'Свой период', '2 декабря 2026').getAttribute('data-selected')).toBe('true');
    await calendarDay(page, 'Свой период', '3 декабря 2026').click();

    await page.waitForURL((url) => url.searchParams.get('from') === '2026-12-02' && url.searchParams.get('to') === '2026-12-03');
    await page.getByText('02.12.2026 — 03.12.2026', { exact: true }).waitFor();
    const exportLink = new URL((await page.getByRole('link', { name: 'Выгрузить в Excel' }).getAttribute('href')) ?? '', server.url);
    expect([exportLink.searchParams.get('from'), exportLink.searchParams.get('to')]).toEqual(['2026-12-02', '2026-12-04']);
    await page.context().close();
  });

  it('problem calls show names and quotes', async () => {
    const page = await signedInPage(server.users.head_of_sales.login, SAMPLE_WEEK_NOW);
    await page.goto('/report?day=yesterday');
    await page.getByText('Проблемные звонки за 04.12.2026').waitFor();
    const rows = page.getByTestId('problem-call');
    await rows.first().waitFor();

    expect(await cutTexts(rows.getByTestId('problem-call-manager'))).toEqual([]);
    // Each finding line spans the row beside the score, instead of sharing it with the reason badges.
    const findings = rows.getByTestId('problem-call-finding');
    expect(await findings.count()).toBeGreaterThan(0);
    const narrow = await findings.evaluateAll((elements) =>
      elements.filter((element) => {
        const row = element.closest('[data-testid="problem-call"]');
        return row === null || element.getBoundingClientRect().width < row.getBoundingClientRect().width * 0.8;
      }).length,
    );
    expect(narrow).toBe(0);
    await page.context().close();
  });

  it('review shows the real call as a dialogue', async () => {
    const page = pageOf('qa_reviewer');
    await page.goto(`/calls/${server.realCall.call.id}`);
    const transcript = page.getByTestId('transcript');
    await transcript.waitFor();

    const managerTurns = await transcript.locator('[data-role="manager"]').count();
    const clientTurns = await transcript.locator('[data-role="client"]').count();
    expect(managerTurns).toBeGreaterThan(0);
    expect(clientTurns).toBeGreaterThan(0);
    expect(managerTurns + clientTurns).toBe(server.realCall.metrics.turns);
    await screenshot(page, '03-call-review');
  });

  it('review without a recording offers no playback', async () => {
    const page = pageOf('qa_reviewer');
    const finding = server.noAudioCall.findings.find((item) => item.startSec !== null);
    if (finding === undefined) {
      throw new Error('the call without a recording has no timed finding');
    }
    await page.goto(`/calls/${server.noAudioCall.call.id}`);
    const card = page.getByTestId(`finding-${finding.kind}@${String(finding.turn)}`);
    await card.waitFor();

    await expect(page.getByText(/нажмите на находку, чтобы перейти к цитате в расшифровке/u).count()).resolves.toBe(1);
    await expect(page.getByText(/услышать фрагмент/u).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /^Слушать фрагмент/u }).count()).resolves.toBe(0);

    await card.getByRole('button', { name: /^Показать в расшифровке/u }).click();
    const mark = page.locator(`[data-turn="${String(finding.turn)}"] mark.okk-evidence`);
    await expect(mark.innerText()).resolves.toBe(finding.quote);
    await screenshot(page, '04-call-review-no-audio');
  });

  it('calls list names failed criteria of a low call without findings', async () => {
    const page = pageOf('qa_reviewer');
    await page.goto('/calls');
    const failed = page.getByTestId('failed-criteria').filter({ hasText: 'Следующий шаг' });
    await failed.first().waitFor();
    await expect(failed.first().innerText()).resolves.toMatch(/^Не выполнено: .*Следующий шаг/u);
    await screenshot(page, '02-calls-failed-criteria');
  });

  it('a finding plays its fragment and marks its quote', async () => {
    const page = pageOf('qa_reviewer');
    const finding = server.audioCall.findings.find((item) => item.startSec !== null && item.startSec >= 5);
    if (finding?.startSec === undefined || finding.startSec === null) {
      throw new Error('the audio call has no timed finding');
    }
    await page.goto(`/calls/${server.audioCall.call.id}`);
    const player = page.getByTestId('call-player');
    await player.getByLabel('Позиция воспроизведения').filter({ hasNotText: '/ 00:00' }).waitFor();

    await page.getByTestId(`finding-${finding.kind}@${String(finding.turn)}`).getByRole('button', { name: /^Слушать фрагмент/u }).click();

    await page.waitForFunction((start) => {
      const audio = document.querySelector('audio');
      return audio !== null && !audio.paused && audio.currentTime >= start - 1.5;
    }, finding.startSec);
    const position = await page.evaluate(() => document.querySelector('audio')?.currentTime ?? -1);
    expect(position).toBeGreaterThanOrEqual(finding.startSec - 1.5);
    expect(position).toBeLessThan(finding.startSec + 3);
    const mark = page.locator(`[data-turn="${String(finding.turn)}"] mark.okk-evidence`);
    await expect(mark.innerText()).resolves.toBe(finding.quote);
    await page.evaluate(() => document.querySelector('audio')?.pause());
    await screenshot(page, '04-call-review-audio');
  });

  it('reviewer swaps the roles of a call', async () => {
    const page = pageOf('qa_reviewer');
    await page.goto(`/calls/${server.audioCall.call.id}`);
    const firstTurn = page.getByTestId('transcript').locator('[data-turn="0"]');
    const roleBefore = await firstTurn.getAttribute('data-role');

    await page.getByRole('button', { name: 'Поменять роли' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Комментарий').fill('Менеджер записан на втором канале');
    await dialog.getByRole('button', { name: 'Поменять роли' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.waitForFunction((before) => document.querySelector('[data-testid="transcript"] [data-turn="0"]')?.getAttribute('data-role') !== before, roleBefore);
    expect(await firstTurn.getAttribute('data-role')).toBe(roleBefore === 'manager' ? 'client' : 'manager');
    await page.getByRole('tab', { name: /История/u }).click();
    await expect(page.getByTestId('review-history').innerText()).resolves.toContain('Менеджер записан на втором канале');
  });

  it('reviewer overrides a verdict and the score follows', async () => {
    const page = pageOf('qa_reviewer');
    const failed = server.realCall.criteria.find((criterion) => criterion.result === 'failed');
    if (failed === undefined) {
      throw new Error('the real call has no failed criterion');
    }
    await page.goto(`/calls/${server.realCall.call.id}`);
    const before = await headerScore(page);

    await page.getByRole('tab', { name: 'Чек-лист' }).click();
    const row = page.getByTestId(`criterion-${failed.id}`);
    await row.getByRole('button', { name: 'Подтвердить или изменить' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Выполнен', { exact: true }).click();
    await dialog.getByLabel('Комментарий').fill('Критерий выполнен: менеджер сделал это в середине разговора');
    await dialog.getByRole('button', { name: 'Сохранить решение' }).click();

    // The verdict changes once the saved review comes back, so the test waits for it.
    await row.getByTestId('criterion-result').filter({ hasText: /^Выполнен$/u }).waitFor();
    await page.waitForFunction((old) => document.querySelector('[data-testid="call-score"]')?.textContent !== old, before);
    await page.getByRole('tab', { name: /История/u }).click();
    await expect(page.getByTestId('review-history').innerText()).resolves.toContain('Критерий выполнен: менеджер сделал это');
  });

  it('manager disputes a finding of their call', async () => {
    const page = pageOf('manager');
    const finding = server.realCall.findings[0];
    if (finding === undefined) {
      throw new Error('the real call has no finding');
    }
    await page.goto(`/calls/${server.realCall.call.id}`);
    const card = page.getByTestId(`finding-${finding.kind}@${String(finding.turn)}`);
    await card.getByRole('button', { name: 'Оспорить' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Почему вы не согласны').fill('Не согласен: клиент сам попросил перейти к делу, это не ошибка');
    await dialog.getByRole('button', { name: 'Отправить спор' }).click();
    await dialog.waitFor({ state: 'detached' });

    await expect(card.getByText(/^Спор открыт/u).count()).resolves.toBe(1);
    await page.reload();
    await card.getByText(/^Спор открыт/u).waitFor();
    await screenshot(page, '05-call-review-manager');
  });

  it('reviewer accepts the dispute and the report changes', async () => {
    const reviewer = pageOf('qa_reviewer');
    const head = pageOf('head_of_sales');
    const finding = server.realCall.findings[0];
    const managerName = server.realCall.call.manager?.name ?? '';
    if (finding === undefined) {
      throw new Error('the real call has no finding');
    }
    const reportBefore = await reportScoreOf(head, managerName);

    await reviewer.goto('/disputes');
    await reviewer.getByText(managerName).first().waitFor();
    await screenshot(reviewer, '06-disputes');
    await reviewer.goto(`/calls/${server.realCall.call.id}`);
    const card = reviewer.getByTestId(`finding-${finding.kind}@${String(finding.turn)}`);
    await card.getByRole('button', { name: 'Принять' }).click();
    const dialog = reviewer.getByRole('dialog');
    await dialog.getByLabel('Ответ менеджеру').fill('Согласна: клиент сам попросил перейти к делу');
    await dialog.getByRole('button', { name: 'Принять' }).click();
    await card.waitFor({ state: 'detached' });

    await reviewer.getByRole('tab', { name: /История/u }).click();
    const history = await reviewer.getByTestId('review-history').innerText();
    expect(history).toMatch(/Спор по находке «[^»]+» принят/u);
    expect(history).toContain('Согласна: клиент сам попросил перейти к делу');
    const reportAfter = await reportScoreOf(head, managerName);
    expect(reportAfter).not.toBe(reportBefore);
    await screenshot(head, '07-report');
  });

  it('report examples of an interruption quote the client', async () => {
    const page = pageOf('qa_reviewer');
    await page.goto('/report?from=2026-01-01&to=2026-12-31');
    await page.getByTestId('cause-picker').click();
    await page.getByRole('option', { name: 'Перебивает', exact: true }).click();

    const examples = page.getByTestId('cause-examples');
    const client = examples.getByTestId('interrupted-client').first();
    await client.waitFor();
    expect(await client.innerText()).toMatch(/^Клиент: «.+»$/u);
    expect(await examples.innerText()).toContain('Менеджер перебил: «');
    await screenshot(page, '07-report-interruption');
  });

  it('manager reads their own review', async () => {
    const page = await signIn('manager', server.sampleManager.login);
    await page.getByRole('heading', { name: 'Мой разбор' }).waitFor();
    await page.getByText('Оценка по неделям').waitFor();
    await page.getByText('Полгода', { exact: true }).click();
    // The page covers the weeks up to today, and the sample calls have fixed dates: once they are more
    // than half a year old the page rightly shows no behaviours to work on.
    await page.getByTestId('focus-behaviour').or(page.getByText('Повторяющихся ошибок не найдено')).first().waitFor();

    for (const card of await page.getByTestId('focus-behaviour').all()) {
      expect(await card.innerText()).toMatch(/В \d[\d,]* % звонков/u);
    }
    await screenshot(page, '08-my-review');
  });

  it('manager page declines call counts', async () => {
    const page = await signedInPage(server.sampleManager.login);
    // The sample calls have fixed dates, so the count of this week's calls is set here.
    let weekCalls = 0;
    await page.route(/\/api\/v1\/managers\/\d+\/coaching/u, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { weeks: { evaluatedCalls: number; averageScore: number | null }[] };
      const week = body.weeks.at(-1);
      if (week !== undefined) {
        week.evaluatedCalls = weekCalls;
        week.averageScore ??= 50;
      }
      await route.fulfill({ response, json: body });
    });

    for (const [count, text] of [
      [1, 'по 1 звонку'],
      [3, 'по 3 звонкам'],
      [11, 'по 11 звонкам'],
      [21, 'по 21 звонку'],
    ] as const) {
      weekCalls = count;
      await page.goto('/my');
      await page.getByText(text, { exact: true }).waitFor();
    }
    await page.getByText('4 недели', { exact: true }).click();
    await page.getByText(/ за 4 недели$/u).waitFor();
    await page.context().close();
  });

  it('admin pages open for the administrator', async () => {
    const page = pageOf('admin');
    const adminPages: [string, string, string][] = [
      ['/users', 'Пользователи', '11-users'],
    ];
    for (const [url, heading, shot] of adminPages) {
      await page.goto(url);
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await screenshot(page, shot);
    }
    await page.goto('/users');
    await expect(page.getByTestId('user-manager').innerText()).resolves.toContain('Менеджер');
  });

  it('integrations page shows the connections and sends a test alert', async () => {
    // Signs in when run alone (`-t integrations`), which refreshes only this page's screenshot.
    const page = pages.get('admin') ?? (await signIn('admin'));
    await page.goto('/integrations');
    await page.getByRole('heading', { name: 'Оповещения о проблемных звонках' }).waitFor();
    await expect(page.getByText('таблица задач SQLite, обработчик в этом процессе').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('alert-channel-telegram').innerText()).resolves.toContain('ещё не было');
    expect(await page.content()).not.toContain('browser-test-token');

    await page.getByRole('button', { name: 'Отправить тестовое оповещение' }).click();
    const result = page.getByTestId('alert-test-result');
    await result.waitFor();
    expect(await result.innerText()).toMatch(/telegram: отправлено \(1 адрес\)[\s\S]*crm: webhook 127\.0\.0\.1:\d+ ответил ошибкой 500: receiver is down/u);
    expect(server.alertMocks.telegram.received.map((request) => (JSON.parse(request.body) as { chat_id: string }).chat_id)).toEqual(['-1001234']);
    await expect(page.getByTestId('alert-channel-crm').innerText()).resolves.toContain('ответил ошибкой 500');
    await expect(page.getByTestId('alert-channel-telegram').innerText()).resolves.not.toContain('ещё не было');

    // The page fits a 1366×768 screen without sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await screenshot(page, '12-integrations');
  });

  it('upload reports each file in Russian', async () => {
    const page = pageOf('admin');
    const folder = await mkdtemp(path.join(tmpdir(), 'okk-upload-'));
    const good = path.join(folder, 'novyj-zvonok.txt');
    const empty = path.join(folder, 'pustoj.txt');
    await writeFile(good, UPLOADED_CALL);
    await writeFile(empty, '');

    await page.goto('/upload');
    await page.getByTestId('upload-dropzone').locator('input[type=file]').setInputFiles([good, empty]);
    const results = page.getByTestId('upload-results');
    const goodRow = results.locator('tr', { hasText: 'novyj-zvonok.txt' });
    const emptyRow = results.locator('tr', { hasText: 'pustoj.txt' });

    await goodRow.getByText('Готово').waitFor({ timeout: 30_000 });
    await goodRow.getByRole('link', { name: 'открыть разбор' }).waitFor();
    await emptyRow.getByTestId('upload-error').waitFor({ timeout: 30_000 });
    expect(await emptyRow.getByText('Готово').count()).toBe(0);
    await rm(folder, { recursive: true, force: true });
    await screenshot(page, '10-upload');
  });

  it('checklist re-evaluation shows its progress', async () => {
    const page = pageOf('admin');
    await page.goto('/checklists');
    await page.getByRole('button', { name: 'Переоценить звонки с даты' }).click();

    await page.getByTestId('reevaluation-progress').getByText(/^Готово/u).waitFor({ timeout: 30_000 });
    await screenshot(page, '09-checklists');
  });
});
