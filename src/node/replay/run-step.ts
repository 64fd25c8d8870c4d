import type { ElementHandle, Page } from 'playwright-core';
import { type LocateQuery, locateInPage } from './locate.js';
import { mapUrl, sameUrl, type Step, targetOf } from './plan.js';
import type { StepResult } from './step-result.js';

/** How long a click or a fill may wait for its element. */
export const ACTION_TIMEOUT_MS = 5_000;
/** How long after a click its effects are looked for. */
const SETTLE_MS = 300;

// Before a click: a plugin on the page's parcours tracker, if it has one, adds the page views,
// custom events and funnel steps it records to the same counter: a click whose only effect is
// a tracked event (no DOM change) did something too.
const PROBE = `(() => {
  const t = window.parcours && window.parcours.tracker;
  if (!t || window.__parcoursReplayProbe) return;
  window.__parcoursReplayProbe = true;
  t.use({ name: 'parcours/replay-probe@1', setup(ctx) {
    ctx.on('event', (e) => {
      if (/^(pageview|custom|funnel_step)$/.test(e.type)) window.__parcoursReplayMutations += 1;
    });
  } });
})()`;

/** Placeholder text for a field whose value was not captured, of the captured length. */
export function placeholderFor(kind: string, length: number): string {
  if (kind === 'email') return 'qa.replay@example.test';
  if (kind === 'number' || kind === 'range') return '1';
  if (kind === 'tel') return '0123456789';
  if (kind === 'url') return 'https://example.test/';
  if (kind === 'date') return '2024-01-01';
  return 'x'.repeat(Math.min(Math.max(length, 1), 100));
}

/** Marks `r` diverged, for `reason`. */
export function diverge(
  r: StepResult,
  reason: NonNullable<StepResult['reason']>,
  detail: string,
): void {
  r.status = 'diverged';
  r.reason = reason;
  r.detail = detail;
}

/** Performs one step on `page`, recording its outcome in `r`. */
export async function runStep(
  page: Page,
  step: Step,
  r: StepResult,
  baseUrl: string,
  navigated: () => boolean,
): Promise<void> {
  const e = step.event;
  if (step.kind === 'visit' || step.kind === 'route') {
    const target = mapUrl(e.url, baseUrl);
    if (sameUrl(page.url(), target)) {
      r.detail = step.afterClick ? 'reached by the click' : 'already there';
      return;
    }
    if (step.afterClick)
      diverge(r, 'url', `expected ${target} after the click, the page is at ${page.url()}`);
    if (step.kind === 'route' && page.url() !== 'about:blank') {
      // An SPA route the visitor reached without a click (back button, router call).
      await page.evaluate((u) => {
        history.pushState(null, '', u);
        dispatchEvent(new PopStateEvent('popstate'));
      }, target);
      if (r.status === 'passed') r.detail = 'reached through history.pushState';
      return;
    }
    const response = await page.goto(target, { waitUntil: 'load' });
    if (response && response.status() >= 400 && r.status === 'passed') {
      diverge(r, 'error', `${target} answered HTTP ${response.status()}`);
    } else if (r.status === 'passed') r.detail = 'opened';
    return;
  }
  if (step.kind === 'scroll') {
    await page.evaluate(
      ([x, y]) => scrollTo(x!, y!),
      [Number(e.props.x) || 0, Number(e.props.y) || 0],
    );
    r.detail = 'scrolled';
    return;
  }
  const t = targetOf(e);
  const query: LocateQuery = { ...t };
  if (step.kind === 'click') {
    query.x = Number(e.props.x);
    query.y = Number(e.props.y);
  }
  const found = await page.evaluateHandle(locateInPage, query);
  const [el, by, samePlace, nowAtSelector] = await Promise.all([
    found.evaluateHandle((f) => f[0]).then((h) => h.asElement() as ElementHandle<Element> | null),
    found.evaluate((f) => f[1]),
    found.evaluate((f) => f[2]),
    found.evaluate((f) => f[3]),
  ]);
  if (!el) {
    const now = nowAtSelector ? `; the selector now finds ${nowAtSelector}` : '';
    diverge(
      r,
      'missing',
      `no <${t.tag}>${t.text ? ` “${t.text}”` : ''} (selector ${t.selector})${now}`,
    );
    return;
  }
  const how =
    by === 'selector'
      ? 'found by its selector'
      : by === 'text'
        ? 'found by its text'
        : 'found at its captured position';
  if (step.kind === 'input') {
    await typeInto(el, e.props, r);
    if (r.status === 'passed') r.detail = `${how}; ${r.detail}`;
    return;
  }
  if (!samePlace)
    diverge(r, 'moved', `${how}, away from where it was clicked (${query.x}, ${query.y})`);
  else r.detail = how;
  const box = await el.boundingBox();
  const w = Number(e.props.elementWidth) || 0;
  const h = Number(e.props.elementHeight) || 0;
  const position =
    box && w && h
      ? {
          x: Math.min(Math.max((Number(e.props.elementX) / w) * box.width, 1), box.width - 1),
          y: Math.min(Math.max((Number(e.props.elementY) / h) * box.height, 1), box.height - 1),
        }
      : undefined;
  await page.evaluate(PROBE).catch(() => {});
  const before = await page.evaluate(
    () =>
      [
        location.href,
        (window as { __parcoursReplayMutations?: number }).__parcoursReplayMutations ?? 0,
      ] as const,
  );
  await el.click({ position, timeout: ACTION_TIMEOUT_MS });
  await page.waitForTimeout(SETTLE_MS);
  if (!step.hadEffect || navigated()) return;
  const after = await page
    .evaluate(
      () =>
        [
          location.href,
          (window as { __parcoursReplayMutations?: number }).__parcoursReplayMutations ?? 0,
        ] as const,
    )
    .catch(() => undefined);
  if (after && after[0] === before[0] && after[1] === before[1] && r.status === 'passed') {
    diverge(
      r,
      'no-effect',
      `${how}; the capture shows the click did something, now nothing changed`,
    );
  }
}

async function typeInto(el: ElementHandle<Element>, props: Record<string, unknown>, r: StepResult) {
  const kind = String(props.kind ?? 'text');
  const value = typeof props.value === 'string' ? props.value : undefined;
  if (kind === 'select' || kind === 'select-one' || kind === 'select-multiple') {
    if (value === undefined) {
      r.status = 'skipped';
      r.detail = 'the selected value was not captured (field not allow-listed)';
      return;
    }
    await el.selectOption(value);
    r.detail = 'selected the captured value';
    return;
  }
  await el.fill(value ?? placeholderFor(kind, Number(props.length) || 0));
  await el.evaluate((x) => x.dispatchEvent(new Event('change', { bubbles: true })));
  r.detail =
    value === undefined ? 'typed a placeholder of the captured length' : 'typed the captured value';
}
