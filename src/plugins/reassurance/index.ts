import { ConfigError } from '../../core/config-error.js';
import type { Plugin, PluginContext } from '../../core/plugin-types.js';
import type { Json } from '../../core/types.js';
import { stripParams } from '../../core/url.js';
import { describeElement } from '../../capture/describe-element.js';
import { whenIdleSteps } from '../idle.js';
import { intOption, readOptions, stringList } from '../options.js';
import { createExposure } from './exposure.js';
import type { Exposure } from './exposure.js';
import { KINDS } from './kinds.js';
import type { ReassuranceKind } from './kinds.js';
import { pageTypeResolver } from './page-type.js';
import { scanning } from './scan.js';
import type { ScanOptions, ScanResult } from './scan.js';
import { createSeenStore } from './seen-store.js';
import { placementOf } from './visibility.js';

export { KINDS } from './kinds.js';
export type { ReassuranceKind } from './kinds.js';
export { scanReassurance } from './scan.js';

/** Options of {@link reassurance}; every field is optional. */
export interface ReassuranceOptions {
  /** CSS selectors per kind, for elements the heuristics would miss: `{ returns: '.badge-returns' }`. */
  selectors?: Partial<Record<ReassuranceKind, string | string[]>>;
  /** Text (English, French), image and link heuristics. @defaultValue true */
  heuristics?: boolean;
  /** Page types by path pattern, `{ product: '/p/*' }`; `data-page-type` markup wins. */
  pageTypes?: Record<string, string | string[]>;
  /** Nodes a scan reads at most. @defaultValue 5000 */
  maxNodes?: number;
  /** Elements added to the page that make it worth a new scan. @defaultValue 20 */
  rescanNodes?: number;
  /** New scans per page view after DOM changes. @defaultValue 5 */
  maxRescans?: number;
  /** Wait after a page view before the first scan (an SPA route renders first), ms. @defaultValue 300 */
  settleMs?: number;
}

const FIELDS = [
  'selectors',
  'heuristics',
  'pageTypes',
  'maxNodes',
  'rescanNodes',
  'maxRescans',
  'settleMs',
];
const IDLE_TIMEOUT_MS = 2000;

interface View {
  _url: string;
  _present: Set<ReassuranceKind>;
  _seen: Set<Element>;
  _known: Set<Element>;
  _step?: string;
  _rescans: number;
  _audited?: boolean;
  _added: number;
  _cancel?: () => void;
}

/** The plugin's versioned name. */
export const REASSURANCE_PLUGIN = 'parcours/reassurance@1';

/**
 * The reassurance plugin: per page view one `reassurance` audit (which kinds are present,
 * visible, above the fold), a `reassurance_exposure` when an element has been ≥ 50 % in view
 * for 1 s, and on each `funnel_step` the kinds the session saw before it
 * (`reassuranceSeen`) and those it was shown but never saw (`reassuranceUnseen`).
 *
 * @example
 * import { reassurance } from 'parcours/plugins/reassurance';
 * init({ endpoint: '/collect', plugins: [reassurance({ selectors: { returns: '.returns-badge' } })] });
 */
/* @__NO_SIDE_EFFECTS__ */
export function reassurance(options?: ReassuranceOptions): Plugin {
  const o = readOptions<ReassuranceOptions>('reassurance', options, FIELDS);
  const scan: ScanOptions = {
    selectors: readSelectors(o.selectors),
    heuristics: o.heuristics ?? true,
    maxNodes: intOption('reassurance.maxNodes', o.maxNodes, 100, 100_000, 5000),
  };
  if (typeof scan.heuristics !== 'boolean')
    throw new ConfigError('reassurance.heuristics', 'a boolean', o.heuristics);
  const pageType = pageTypeResolver('reassurance.pageTypes', o.pageTypes);
  const rescanNodes = intOption('reassurance.rescanNodes', o.rescanNodes, 1, 100_000, 20);
  const maxRescans = intOption('reassurance.maxRescans', o.maxRescans, 0, 100, 5);
  const settleMs = intOption('reassurance.settleMs', o.settleMs, 0, 10_000, 300);

  let ctx: PluginContext;
  let sid = '';
  let view: View | undefined;
  let exposure: Exposure | undefined;
  let mo: MutationObserver | undefined;
  let store: ReturnType<typeof createSeenStore>;
  const kindOf = new Map<Element, ReassuranceKind>();

  // The first scan of a page view emits its audit; later ones (DOM changes) watch what is new.
  // The scan runs in idle slices (a large page takes several), then its result is placed.
  const run = (v: View, delayMs: number) =>
    whenIdleSteps(scanning(document, scan), (found) => placed(v, found), IDLE_TIMEOUT_MS, delayMs);
  const placed = (v: View, found: ScanResult) => {
    if (v !== view) return;
    const kinds: Record<string, { [k: string]: Json }> = {};
    for (const k of KINDS) {
      const els = found.elements.get(k) ?? [];
      // Placed until one is above the fold (so visible too): a layout read and a hit test
      // each, not one per badge of a 48-card grid.
      let visible = false;
      let aboveFold = false;
      for (let i = 0; i < els.length && !aboveFold; i++) {
        const p = placementOf(els[i]!);
        visible ||= p.visible;
        aboveFold = p.aboveFold;
      }
      const present = els.length > 0 || found.declared.has(k);
      if (present) v._present.add(k);
      kinds[k] = { present, visible, aboveFold, count: els.length };
      for (const el of els) {
        if (v._known.has(el)) continue;
        v._known.add(el);
        kindOf.set(el, k);
        exposure?.watch(el);
      }
    }
    if (sid) store.add(sid, 'present', v._present);
    if (!v._audited) {
      v._audited = true;
      ctx.emit('reassurance', {
        pageType: pageType(document, location.pathname) ?? v._step ?? null,
        kinds,
        viewport: { w: innerWidth, h: innerHeight },
        nodes: found.nodes,
      });
    }
  };
  const begin = (url: string) => {
    if (view?._url === url) return;
    end();
    const v: View = {
      _url: url,
      _present: new Set(),
      _seen: new Set(),
      _known: new Set(),
      _rescans: 0,
      _added: 0,
    };
    view = v;
    exposure = createExposure((el, ms) => seen(v, el, ms));
    v._cancel = run(v, settleMs);
  };
  const end = () => {
    view?._cancel?.();
    exposure?.stop();
    kindOf.clear();
    view = exposure = undefined;
  };
  const seen = (v: View, el: Element, ms: number) => {
    const kind = kindOf.get(el);
    if (v !== view || !kind || v._seen.has(el)) return;
    v._seen.add(el);
    const strip = (href: string) => stripParams(href, ctx.config.privacy.stripParams);
    ctx.emit('reassurance_exposure', {
      kind,
      target: describeElement(el, strip, ctx.config.privacy.maskInputs),
      visibleMs: Math.round(ms),
    });
    if (sid) store.add(sid, 'seen', [kind]);
  };
  // A substantial DOM change (an SPA rendering its page, a lazy footer) earns a new scan; the
  // observer only counts added elements, the scan itself waits for idle time.
  const onMutations = (records: MutationRecord[]) => {
    const v = view;
    if (!v || v._rescans >= maxRescans) return;
    for (const r of records) {
      r.addedNodes.forEach((n) => {
        if (n.nodeType === 1) v._added += 1 + (n as Element).getElementsByTagName('*').length;
      });
    }
    if (v._added < rescanNodes || v._cancel === undefined) return;
    v._added = 0;
    v._rescans++;
    v._cancel();
    v._cancel = run(v, 500);
  };

  return {
    name: REASSURANCE_PLUGIN,
    setup(c) {
      ctx = c;
      store = createSeenStore(`${c.config.storage.dbName}:v1:reassurance`);
      c.on('event', (e) => void (sid = e.sid));
      c.on('pageview', (e) => begin(e.url));
      if (typeof MutationObserver === 'function') {
        mo = new MutationObserver(onMutations);
        mo.observe(document.documentElement, { childList: true, subtree: true });
      }
      begin(c.page().url); // set up after the first page view (`parcours('use', …)`): this page counts
    },
    beforeEvent(e) {
      if (e.type !== 'funnel_step') return e;
      if (view && typeof e.props.step === 'string') view._step ??= e.props.step;
      const s = store.get(e.sid);
      const seenKinds = KINDS.filter((k) => s.seen.includes(k));
      const unseen = KINDS.filter(
        (k) => !s.seen.includes(k) && (s.present.includes(k) || view?._present.has(k)),
      );
      return { ...e, props: { ...e.props, reassuranceSeen: seenKinds, reassuranceUnseen: unseen } };
    },
    teardown() {
      end();
      mo?.disconnect();
    },
  };
}

function readSelectors(v: unknown): ScanOptions['selectors'] {
  if (v === undefined) return {};
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw new ConfigError('reassurance.selectors', 'an object { kind: selector(s) }', v);
  const out: ScanOptions['selectors'] = {};
  for (const [k, sel] of Object.entries(v)) {
    const field = `reassurance.selectors.${k}`;
    if (!(KINDS as readonly string[]).includes(k))
      throw new ConfigError(field, `a kind: ${KINDS.join(', ')}`, k);
    const list = stringList(field, sel);
    for (const s of list) {
      try {
        if (typeof document !== 'undefined') document.createDocumentFragment().querySelector(s);
      } catch {
        throw new ConfigError(field, 'valid CSS selectors', s);
      }
    }
    out[k as ReassuranceKind] = list;
  }
  return out;
}
