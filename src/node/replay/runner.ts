import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { SessionDocument } from '../../core/replay-types.js';
import { describeStep, planSteps } from './plan.js';
import { ACTION_TIMEOUT_MS, diverge, runStep } from './run-step.js';
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

const NAVIGATION_TIMEOUT_MS = 30_000;
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
