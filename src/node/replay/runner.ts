import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, ElementHandle, Page } from 'playwright-core';
import type { SessionDocument } from '../../core/replay-types.js';
import { type LocateQuery, locateInPage } from './locate.js';
import { describeStep, mapUrl, planSteps, sameUrl, type Step, targetOf } from './plan.js';
import type { ReplayResult, StepResult } from './step-result.js';

/** Options of {@link replaySession}. */
export interface ReplayOptions {
  /** The site under test, `http://localhost:3000`. */
  baseUrl: string;
  /** Where screenshots go. */
  outDir: string;
  /** Show the browser window (needs a display). @defaultValue false */
  headed?: boolean;
  /** `1`: wait as long as the visitor did (at most 5 s per step); `max`: no waits. @defaultValue 'max' */
  speed?: '1' | 'max';
  /** The Chromium binary. @defaultValue `PARCOURS_CHROMIUM`, else the system's chromium */
  chromium?: string;
  /** Called after each step (progress on the terminal). */
  onStep?: (r: StepResult) => void;
}

const ACTION_TIMEOUT_MS = 5_000;
const NAVIGATION_TIMEOUT_MS = 30_000;
const SETTLE_MS = 300;
const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium binary to drive: the option, `PARCOURS_CHROMIUM`, or a system install. */
export function findChromium(given?: string): string {
  const path = given ?? process.env.PARCOURS_CHROMIUM ?? CHROMIUM_PATHS.find((p) => existsSync(p));
  if (!path) throw new Error('no Chromium found: pass --chromium <path> or set PARCOURS_CHROMIUM');
  return path;
}

// Before the page's own scripts: marks the page as a replay (the tracker stamps `replay: true`)
// and counts DOM mutations, the evidence that a click did something.
const INIT_SCRIPT = `window.__parcoursReplay = true;
window.__parcoursReplayMutations = 0;
new MutationObserver(function (r) { window.__parcoursReplayMutations += r.length; })
  .observe(document, { subtree: true, childList: true, attributes: true, characterData: true });`;

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

/**
 * Replays a session in Chromium (playwright-core, the system browser) against `baseUrl`, with
 * the session's viewport and device, taking a screenshot after each step.
 */
export async function replaySession(doc: SessionDocument, o: ReplayOptions): Promise<ReplayResult> {
  const { chromium } = await import('playwright-core').catch(() => {
    throw new Error(
      'parcours replay needs playwright-core: npm install --save-dev playwright-core',
    );
  });
  await mkdir(o.outDir, { recursive: true });
  const browser: Browser = await chromium.launch({
    executablePath: findChromium(o.chromium),
    headless: !o.headed,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const steps = planSteps(doc.events);
  const results: StepResult[] = [];
  const captureErrors = new Set(
    doc.events.filter((e) => e.type === 'error').map((e) => String(e.props.message ?? '')),
  );
  try {
    const context = await browser.newContext({
      viewport: { width: doc.viewport.w, height: doc.viewport.h },
      deviceScaleFactor: doc.device.dpr,
      hasTouch: doc.device.touch,
      isMobile: doc.device.mobile,
      userAgent: doc.device.userAgent,
    });
    await context.addInitScript(INIT_SCRIPT);
    const page = await context.newPage();
    page.setDefaultTimeout(ACTION_TIMEOUT_MS);
    page.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
    let consoleErrors: string[] = [];
    let pageErrors: string[] = [];
    let navigations = 0;
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text().slice(0, 500)));
    page.on('pageerror', (e) => pageErrors.push(String(e.message ?? e).slice(0, 500)));
    page.on('framenavigated', (f) => f === page.mainFrame() && navigations++);

    for (const step of steps) {
      if (o.speed === '1' && step.gapMs) await page.waitForTimeout(step.gapMs);
      consoleErrors = [];
      pageErrors = [];
      const r: StepResult = {
        n: step.n,
        kind: step.kind,
        action: describeStep(step),
        status: 'passed',
        detail: '',
        url: '',
        console: [],
        errors: [],
      };
      if (page.isClosed()) {
        r.status = 'skipped';
        r.detail = 'the page crashed or was closed';
        results.push(r);
        o.onStep?.(r);
        continue;
      }
      const navBefore = navigations;
      try {
        await runStep(page, step, r, o.baseUrl, () => navigations !== navBefore);
      } catch (error) {
        diverge(r, 'error', (error as Error).message.split('\n')[0]!.slice(0, 300));
      }
      await page.waitForLoadState('load').catch(() => {});
      const fresh = pageErrors.filter((m) => ![...captureErrors].some((c) => c && m.includes(c)));
      // An uncaught error says more than "no effect", which it usually causes.
      if (fresh.length && (r.status !== 'diverged' || r.reason === 'no-effect')) {
        diverge(r, 'error', `the page threw: ${fresh[0]}`);
      }
      r.url = page.url();
      r.console = consoleErrors.slice(0, 20);
      r.errors = pageErrors.slice(0, 20);
      r.screenshot = `step-${String(step.n).padStart(3, '0')}.jpg`;
      await page
        .screenshot({ path: join(o.outDir, r.screenshot), type: 'jpeg', quality: 70 })
        .catch(() => (r.screenshot = undefined));
      results.push(r);
      o.onStep?.(r);
    }
    await context.close();
  } finally {
    await browser.close();
  }
  const count = (s: StepResult['status']) => results.filter((r) => r.status === s).length;
  return {
    sid: doc.sid,
    baseUrl: o.baseUrl,
    startedAt: doc.startedAt,
    viewport: doc.viewport,
    steps: results,
    passed: count('passed'),
    diverged: count('diverged'),
    skipped: count('skipped'),
  };
}

function diverge(r: StepResult, reason: NonNullable<StepResult['reason']>, detail: string): void {
  r.status = 'diverged';
  r.reason = reason;
  r.detail = detail;
}

async function runStep(
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
