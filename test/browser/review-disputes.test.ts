import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import type { CriterionVerdict, Finding } from '../../src/core/model/evaluation.ts';
import { FINDING_TITLES } from '../../src/core/model/finding-titles.ts';
import type { RoleId } from '../../src/services/accounts/roles.ts';
import { newRussianContext } from './chromium-browser.ts';
import { screenshot, useBrowserSuite } from './browser-suite.ts';
import { PASSWORD } from './seeded-server.ts';
import type { SeededServer } from './seeded-server.ts';

/** About 75 characters of a reviewer's comment, repeated to make long ones. */
const SENTENCE = 'Менеджер назвал клиентку «девушка», это недопустимо по стандарту компании. ';

let server: SeededServer;
let browser: Browser | undefined;
const pages = new Map<RoleId, Page>();

useBrowserSuite((started) => {
  server = started.server;
  browser = started.browser;
});

/** Returns the role's signed-in page, signing in on first use. */
async function pageOf(role: RoleId): Promise<Page> {
  const signedIn = pages.get(role);
  if (signedIn !== undefined) {
    return signedIn;
  }
  if (browser === undefined) {
    throw new Error('Chromium did not start');
  }
  const context = await newRussianContext(browser, server.url);
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Логин или e-mail').fill(server.users[role].login);
  await page.getByLabel('Пароль').fill(PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('navigation', { name: 'Разделы' }).waitFor();
  pages.set(role, page);
  return page;
}

function russianNumber(value: number): string {
  return new Intl.NumberFormat('ru-RU').format(value);
}

function keyOf(finding: Finding): string {
  return `${finding.kind}@${String(finding.turn)}`;
}

function failedCriterion(criteria: readonly CriterionVerdict[], position: 'first' | 'last'): CriterionVerdict {
  const failed = criteria.filter((criterion) => criterion.result === 'failed');
  const found = position === 'first' ? failed[0] : failed.at(-1);
  if (found === undefined) {
    throw new Error('the call has no failed criterion');
  }
  return found;
}

function firstFinding(findings: readonly Finding[]): Finding {
  const [finding] = findings;
  if (finding === undefined) {
    throw new Error('the call has no finding');
  }
  return finding;
}

/** Tells whether the element is wholly inside the browser window. */
function inViewport(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  });
}

describe('call review, history and disputes', { timeout: 90_000 }, () => {
  it('verdict dialog keeps the current verdict', async () => {
    const page = await pageOf('qa_reviewer');
    const criterion = failedCriterion(server.noAudioCall.criteria, 'first');
    await page.goto(`/calls/${server.noAudioCall.call.id}`);
    await page.getByRole('tab', { name: 'Чек-лист' }).click();
    const row = page.getByTestId(`criterion-${criterion.id}`);

    await row.getByRole('button', { name: 'Подтвердить или изменить' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.innerText()).resolves.toContain('okk поставил «Не выполнен». Оставьте вердикт, чтобы подтвердить его');
    await expect(dialog.getByRole('radio', { name: 'Не выполнен' }).isChecked()).resolves.toBe(true);
    await expect(dialog.getByRole('radio', { name: 'Выполнен', exact: true }).isChecked()).resolves.toBe(false);
    await screenshot(page, '01-verdict-dialog');

    await dialog.getByLabel('Комментарий').fill('Итога разговора не было, вердикт верный');
    await dialog.getByRole('button', { name: 'Сохранить решение' }).click();
    await dialog.waitFor({ state: 'detached' });

    await expect(row.getByTestId('criterion-result').innerText()).resolves.toBe('Не выполнен');

    // After a change the dialog names both verdicts and selects the one in force.
    await row.getByRole('button', { name: 'Подтвердить или изменить' }).click();
    await dialog.getByText('Выполнен', { exact: true }).click();
    await dialog.getByLabel('Комментарий').fill('Менеджер обратился по имени в конце');
    await dialog.getByRole('button', { name: 'Сохранить решение' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByRole('button', { name: 'Подтвердить или изменить' }).click();
    await expect(dialog.innerText()).resolves.toContain('okk поставил «Не выполнен», после проверки — «Выполнен»');
    await expect(dialog.getByRole('radio', { name: 'Выполнен', exact: true }).isChecked()).resolves.toBe(true);
    await dialog.getByRole('button', { name: 'Отмена' }).click();

    await page.getByRole('tab', { name: /История/u }).click();
    const history = await page.getByTestId('review-history').innerText();
    expect(history).toContain(`${criterion.title}: вердикт «не выполнен» подтверждён.`);
    expect(history.match(/оценка \d+ → \d+/giu)).toHaveLength(1);
  });

  it('comment field counts characters and keeps pasted text', async () => {
    const page = await pageOf('qa_reviewer');
    const finding = firstFinding(server.noAudioCall.findings);
    await page.goto(`/calls/${server.noAudioCall.call.id}`);
    const card = page.getByTestId(`finding-${keyOf(finding)}`);

    await card.getByRole('button', { name: 'Подтвердить или изменить' }).click();
    const dialog = page.getByRole('dialog');
    const field = dialog.getByLabel('Комментарий');
    await field.fill(SENTENCE.repeat(140));

    await expect(field.inputValue()).resolves.toHaveLength(SENTENCE.length * 140);
    const length = SENTENCE.repeat(140).trim().length;
    await expect(dialog.getByTestId('comment-counter').innerText()).resolves.toBe(`${russianNumber(length)} / ${russianNumber(4000)}`);
    await expect(dialog.getByText(`Комментарий длиннее ${russianNumber(4000)} символов: сократите его на ${russianNumber(length - 4000)} символов`).count()).resolves.toBe(1);
    await screenshot(page, '02-comment-over-limit');
    await dialog.getByRole('button', { name: 'Подтвердить' }).click();
    await expect(dialog.isVisible()).resolves.toBe(true);

    await field.fill(SENTENCE.repeat(52));
    await dialog.getByRole('button', { name: 'Подтвердить' }).click();
    await dialog.waitFor({ state: 'detached' });
    await card.getByRole('button', { name: 'Показать полностью' }).waitFor();
    const collapsed = (await card.boundingBox())?.height ?? 0;
    expect(collapsed).toBeLessThan(450);
    await screenshot(page, '03-long-comment-collapsed');

    await card.getByRole('button', { name: 'Показать полностью' }).click();
    await card.getByRole('button', { name: 'Свернуть' }).waitFor();
    expect((await card.boundingBox())?.height ?? 0).toBeGreaterThan(collapsed + 300);

    await page.getByRole('tab', { name: /История/u }).click();
    const history = page.getByTestId('review-history');
    const entry = history.locator('.mantine-Timeline-item', { hasText: 'подтверждена' });
    await entry.getByRole('button', { name: 'Показать полностью' }).waitFor();
    expect((await entry.boundingBox())?.height ?? 0).toBeLessThan(200);
    await screenshot(page, '04-long-comment-history');
  });

  it('call without findings shows no checklist hint', async () => {
    const page = await pageOf('qa_reviewer');
    const calls = await server.database.calls.listCalls({}, undefined, { limit: 500 });
    const clean = calls.items.find((call) => call.findingCount === 0);
    if (clean === undefined) {
      throw new Error('the seeded store has no call without findings');
    }
    await page.goto(`/calls/${clean.id}`);
    await page.getByText('Замечаний нет').waitFor();

    await expect(page.getByText('Нажмите на критерий').count()).resolves.toBe(0);
    await expect(page.getByText(/Вердикты по критериям — на вкладке «Чек-лист»/u).count()).resolves.toBe(1);
    await screenshot(page, '05-no-findings');
  });

  it('manager disputes a finding, turns counted from 1', async () => {
    const page = await pageOf('manager');
    const finding = firstFinding(server.realCall.findings);
    const title = `${FINDING_TITLES[finding.kind]} (реплика ${String(finding.turn + 1)})`;
    await page.goto(`/calls/${server.realCall.call.id}`);
    const card = page.getByTestId(`finding-${keyOf(finding)}`);

    await card.getByRole('button', { name: 'Оспорить' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Отправить спор' }).click();
    const error = await dialog.getByText(/^Объясните, почему вы не согласны/u).innerText();
    expect(error).toContain('специалист ОКК');
    expect(error).not.toContain('менеджер');
    await screenshot(page, '06-dispute-empty-comment');
    await dialog.getByLabel('Почему вы не согласны').fill('Клиент сам попросил говорить короче');
    await dialog.getByRole('button', { name: 'Отправить спор' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('tab', { name: /История/u }).click();
    await expect(page.getByTestId('review-history').innerText()).resolves.toContain(`Менеджер оспорил находку «${title}».`);
    await page.goto('/disputes');
    await expect(page.locator('tbody').innerText()).resolves.toContain(title);
  });

  it('withdrawing a dispute asks first', async () => {
    const page = await pageOf('manager');
    const finding = firstFinding(server.realCall.findings);
    await page.goto(`/calls/${server.realCall.call.id}`);
    const card = page.getByTestId(`finding-${keyOf(finding)}`);

    await card.getByRole('button', { name: 'Отозвать спор' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.innerText()).resolves.toContain('Спор по находке «');
    await screenshot(page, '07-withdraw-confirm');
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(card.getByText(/^Спор открыт/u).count()).resolves.toBe(1);

    await card.getByRole('button', { name: 'Отозвать спор' }).click();
    await dialog.getByRole('button', { name: 'Отозвать спор' }).click();
    await dialog.waitFor({ state: 'detached' });
    await card.getByText(/^Спор открыт/u).waitFor({ state: 'detached' });
  });

  it('head of sales reads the queue for his role', async () => {
    const manager = await pageOf('manager');
    const criterion = failedCriterion(server.realCall.criteria, 'last');
    await manager.goto(`/calls/${server.realCall.call.id}`);
    await manager.getByRole('tab', { name: 'Чек-лист' }).click();
    await manager.getByTestId(`criterion-${criterion.id}`).getByRole('button', { name: 'Оспорить' }).click();
    const dialog = manager.getByRole('dialog');
    await dialog.getByLabel('Почему вы не согласны').fill('Я договорился о следующем звонке');
    await dialog.getByRole('button', { name: 'Отправить спор' }).click();
    await dialog.waitFor({ state: 'detached' });

    const head = await pageOf('head_of_sales');
    await head.goto('/disputes');
    await head.locator('tbody tr').first().waitFor();
    const description = await head.getByText(/^Менеджеры не согласны с оценкой/u).innerText();
    expect(description).toContain('решение принимает специалист ОКК');
    expect(description).not.toContain('чтобы принять или отклонить');
    await screenshot(head, '08-disputes-head-of-sales');
  });

  it('dispute from the queue opens on its item', async () => {
    const page = await pageOf('qa_reviewer');
    const criterion = failedCriterion(server.realCall.criteria, 'last');
    await page.goto('/disputes');
    const row = page.locator('tbody tr', { hasText: criterion.title });
    await row.getByRole('link').first().click();
    await page.waitForURL(/\/calls\/.+\?dispute=\d+$/u);

    const item = page.getByTestId(`criterion-${criterion.id}`);
    await item.waitFor();
    await expect(page.getByRole('tab', { name: 'Чек-лист' }).getAttribute('aria-selected')).resolves.toBe('true');
    await expect(item.getAttribute('data-selected')).resolves.toBe('true');
    await expect.poll(() => inViewport(item)).toBe(true);
    await screenshot(page, '09-dispute-landing');

    await item.getByRole('button', { name: 'Отклонить' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Отклонить' }).click();
    await dialog.getByText('Добавьте ответ: его увидит менеджер').waitFor();
    await dialog.getByLabel('Ответ менеджеру').fill('Договорённости о звонке в записи нет');
    await dialog.getByRole('button', { name: 'Отклонить' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: /История/u }).click();
    await expect(page.getByTestId('review-history').innerText()).resolves.toContain(`Спор по критерию «${criterion.title}» отклонён.`);
  });

  it('my disputes shows decided ones when none are open', async () => {
    const page = await pageOf('manager');
    await page.goto('/disputes');
    await page.getByTestId('disputes-none-open').waitFor();

    await expect(page.locator('tbody tr').count()).resolves.toBe(2);
    await expect(page.getByRole('radio', { name: 'Все' }).isChecked()).resolves.toBe(true);
    await screenshot(page, '10-my-disputes-decided');

    await page.locator('tbody tr', { hasText: 'Отклонён' }).getByRole('link').first().click();
    await page.waitForURL(/\?dispute=\d+$/u);
    const entry = page.locator('[data-highlighted="true"]');
    await entry.waitFor();
    await expect(page.getByRole('tab', { name: /История/u }).getAttribute('aria-selected')).resolves.toBe('true');
    await expect(entry.innerText()).resolves.toContain('Договорённости о звонке в записи нет');
    await screenshot(page, '11-decided-dispute-landing');
  });

  it('users page words states without gender', async () => {
    const page = await pageOf('admin');
    await page.goto('/users');
    const row = page.getByTestId('user-manager2');
    await expect(row.innerText()).resolves.toContain('входа ещё не было');

    await row.getByRole('button', { name: 'Действия с manager2' }).click();
    await page.getByRole('menuitem', { name: 'Отключить' }).click();
    await page.getByText(`Пользователь «${server.sampleManager.displayName}» отключён: вход закрыт, открытые сеансы завершены`).waitFor();
    await expect(row.innerText()).resolves.toContain('вход отключён');
    await screenshot(page, '12-users-disabled');
  });
});
