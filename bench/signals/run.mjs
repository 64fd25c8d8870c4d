// Runs one scenario (or walk) in a fresh browser context and returns what happened: the
// labelled activations and every event the SDK stamped (handed over by the bench recorder
// plugin through an exposed binding, so page loads lose nothing).
import { launchChromium } from '../chromium.mjs';
import { createActor, sleep } from './actor.mjs';
import { linkClicks } from './judge.mjs';
import { rng, seedOf } from './motion.mjs';

export const DEVICES = {
  desktop: { viewport: { width: 1366, height: 768 } },
  mobile: {
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
    deviceScaleFactor: 2,
  },
};

/** Chromium with the flags of the project's e2e harness (bench/chromium.mjs). */
export const launch = launchChromium;

/** The page URL of a scenario: its page and knobs plus the theme (and optional SDK config). */
export function pageUrl(origin, sc, theme, sdk) {
  const p = new URLSearchParams({ theme, ...(sc.params ?? {}) });
  if (sdk) p.set('sdk', JSON.stringify(sdk));
  return `${origin}${sc.page}?${p}`;
}

/** Waits until the shop rendered and the SDK started. */
export const ready = (page) =>
  page.waitForFunction(
    () => document.documentElement.dataset.ready === '1' && !!window.parcours?.tracker,
    null,
    {
      timeout: 15_000,
    },
  );

/**
 * Runs scenario `sc` on `device` with `seed` and `theme`: opens its page, lets the SDK watch
 * the page for a moment (its baseline), plays `sc.run(actor)`, waits `sc.settle` ms for the
 * delayed verdicts, and returns `{ id, device, seed, theme, actions, events, errors, invalid }`
 * (`invalid`: why the delivered stimulus does not match the script, else null).
 */
export async function runScenario(browser, origin, sc, { device, seed, theme, sdk }) {
  const context = await browser.newContext({ ...DEVICES[device], acceptDownloads: true });
  const events = [];
  const errors = [];
  await context.exposeBinding('__benchPush', (_src, e) => void events.push(e));
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e.message ?? e)));
  try {
    if (sc.cpu) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: sc.cpu });
    }
    await page.goto(pageUrl(origin, sc, theme, sdk));
    await ready(page);
    await sleep(sc.baselineMs ?? 600);
    const r = rng(seedOf(`${sc.id}|${device}|${seed}|${theme}`));
    const actor = createActor(page, { device, r, labelled: !sc.walk });
    await sc.run(actor);
    await sleep(sc.settle ?? 3000);
    // A throttled CPU (`sc.cpu`) slows the harness's page calls as well: that is the scenario.
    // A clean walk has no window to hit: a late press keeps it clean, so it is never repeated.
    const invalid = stimulusProblem(actor.actions, actor.bursts, events, {
      cpu: sc.cpu,
      walk: sc.walk,
    });
    return { id: sc.id, device, seed, theme, actions: actor.actions, events, errors, invalid };
  } finally {
    await context.close().catch(() => {});
  }
}

/**
 * The burst gap of the rage definition (SIGNALS.md §4.3, `gapMs`): a scripted burst whose
 * delivered presses drifted further apart than this (a loaded machine, CPU throttling) is not
 * the hammering its label describes, so the run is repeated rather than judged.
 */
export const BURST_GAP_MS = 700;

/**
 * How much later than scripted an activation may come after the previous one (the harness's
 * CDP round trips on a loaded machine, not the shopper): beyond it the gaps the detectors'
 * windows judge (a near miss confirmed "1 s later", a correction) are not the scripted ones.
 * Not checked after a page load (it takes its time for a shopper too), under CPU throttling
 * (the slow page is the scenario), nor on clean walks (no window to hit: late stays clean).
 */
export const DRIFT_MS = 700;

/**
 * Why the delivered stimulus does not match the script, or null. Press times are those of the
 * page's click events (what the page saw; a slow CDP round trip can return long after the
 * click), falling back to the harness's own clock for presses without one.
 */
export function stimulusProblem(actions, bursts, events = [], o = {}) {
  const at = new Map(
    [...linkClicks(actions, events)].map(([seq, i]) => [i, events.find((e) => e.seq === seq).ts]),
  );
  const t = (k) => at.get(k) ?? actions[k].t;
  for (let k = 1; k < actions.length && !o.cpu && !o.walk; k++) {
    if (actions[k].afterLoad) continue;
    const drift = (actions[k].lagMs ?? 0) - (actions[k - 1].lagMs ?? 0);
    if (drift > DRIFT_MS)
      return `press ${k} came ${drift} ms later than scripted after press ${k - 1}`;
  }
  for (const b of bursts) {
    for (let k = b.from + 1; k < b.from + b.n; k++) {
      const gap = Math.round(t(k) - t(k - 1));
      if (gap > Math.min(BURST_GAP_MS, b.plannedGapMs + 100)) {
        return `burst press ${k - b.from} came ${gap} ms after the previous one (planned ≤ ${b.plannedGapMs} ms)`;
      }
    }
  }
  return null;
}

/** {@link runScenario}, repeated (up to `tries` times) while the stimulus is not the scripted one. */
export async function runValid(browser, origin, sc, o, tries = 3) {
  let run;
  for (let k = 0; k < tries; k++) {
    run = await runScenario(browser, origin, sc, o);
    run.tries = k + 1;
    if (!run.invalid) break;
  }
  return run;
}

/** Runs `jobs` (thunks) with at most `limit` at a time; resolves to their results in order. */
export async function pool(jobs, limit, onDone = () => {}) {
  const out = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const k = next++;
      try {
        out[k] = await jobs[k]();
      } catch (e) {
        out[k] = { failed: String(e?.message ?? e) };
      }
      onDone(out[k], k);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return out;
}
