import { foldText } from '../fold-text.js';
import { KINDS, kindsOfHref, kindsOfImage, kindsOfText } from './kinds.js';
import type { ReassuranceKind } from './kinds.js';

/** What one scan found: elements per kind, and kinds only structured data declares. */
export interface ScanResult {
  elements: Map<ReassuranceKind, Element[]>;
  /** Kinds declared in schema.org JSON-LD (`AggregateRating`, `MerchantReturnPolicy`, …). */
  declared: Set<ReassuranceKind>;
  /** Nodes visited (the cost of the scan; at most `maxNodes`). */
  nodes: number;
}

/** How a scan looks: site selectors first, then markup, then heuristics. */
export interface ScanOptions {
  /** Site selectors per kind (`reassurance.selectors`). */
  selectors: Partial<Record<ReassuranceKind, string[]>>;
  /** Text, image and link heuristics (`reassurance.heuristics`). */
  heuristics: boolean;
  /** Nodes (elements and text) the heuristic walk visits at most. */
  maxNodes: number;
}

const MAX_PER_KIND = 50;
const MAX_TEXT_CHARS = 200;
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'head']);
const MARK = 'data-parcours-reassurance';
const NOT_BLANK = /\S/;

/**
 * Finds the reassurance elements of `doc`. Bounded: the heuristic walk stops after `maxNodes`
 * nodes and reads at most 200 characters of each text node, so a huge page costs what a
 * normal one does (the rest is not scanned, and the audit says how many nodes were read).
 */
export function scanReassurance(doc: Document, o: ScanOptions): ScanResult {
  const steps = scanning(doc, o);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Nodes the walk visits between two pauses of {@link scanning}. */
export const SCAN_SLICE_NODES = 200;

/**
 * {@link scanReassurance} in steps: it pauses (yields) every {@link SCAN_SLICE_NODES} nodes, so a
 * caller can spread a large page over several idle periods, and returns the result.
 */
export function* scanning(doc: Document, o: ScanOptions): Generator<void, ScanResult, void> {
  const elements = new Map<ReassuranceKind, Element[]>();
  const add = (k: ReassuranceKind, el: Element | null) => {
    if (!el || el.closest(`[${MARK}~="none"]`)) return;
    const list = elements.get(k) ?? [];
    if (list.length >= MAX_PER_KIND || list.includes(el)) return;
    list.push(el);
    elements.set(k, list);
  };
  for (const k of KINDS) {
    for (const sel of o.selectors[k] ?? []) doc.querySelectorAll(sel).forEach((el) => add(k, el));
  }
  doc.querySelectorAll(`[${MARK}]`).forEach((el) => {
    for (const k of (el.getAttribute(MARK) ?? '').split(/\s+/)) {
      if ((KINDS as readonly string[]).includes(k)) add(k as ReassuranceKind, el);
    }
  });
  let nodes = 0;
  const declared = o.heuristics ? readJsonLd(doc) : new Set<ReassuranceKind>();
  if (o.heuristics && doc.body) {
    // No filter callback (a call into script per node): skipped subtrees are stepped over here.
    const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    const past = (): Node | null => {
      for (;;) {
        const next = walker.nextSibling();
        if (next) return next;
        if (!walker.parentNode()) return null;
      }
    };
    let step = 0;
    for (let n = walker.nextNode(); n && nodes < o.maxNodes;) {
      if (++step % SCAN_SLICE_NODES === 0) yield;
      if (n.nodeType === 3) {
        nodes++;
        const t = n.nodeValue;
        // White space between tags (most text nodes of a formatted page) names nothing.
        if (t && t.length > 2 && NOT_BLANK.test(t))
          for (const k of kindsOfText(foldText(t.slice(0, MAX_TEXT_CHARS))))
            add(k, n.parentElement);
        n = walker.nextNode();
        continue;
      }
      const el = n as Element;
      if (SKIP.has(el.localName)) {
        n = past();
        continue;
      }
      nodes++;
      n = walker.nextNode();
      const label = el.getAttribute('aria-label') ?? el.getAttribute('title');
      if (label) for (const k of kindsOfText(foldText(label))) add(k, el);
      if (el.localName === 'img' || el.getAttribute('role') === 'img') {
        const src = (el.getAttribute('src') ?? '').split(/[?#]/)[0]!.split('/').pop() ?? '';
        const what = foldText(`${el.getAttribute('alt') ?? ''} ${label ?? ''} ${src}`);
        for (const k of kindsOfImage(what)) add(k, el);
      }
      const href = el.localName === 'a' ? el.getAttribute('href') : null;
      if (href) for (const k of kindsOfHref(href)) add(k, el);
    }
  }
  for (const [k, list] of elements) elements.set(k, outermost(list));
  return { elements, declared, nodes };
}

/** Drops elements inside another element of the same kind: one badge is one element. */
function outermost(list: Element[]): Element[] {
  return list.filter((el) => !list.some((o) => o !== el && o.contains(el)));
}

const LD_KINDS: Record<string, ReassuranceKind> = {
  AggregateRating: 'reviews',
  Review: 'reviews',
  MerchantReturnPolicy: 'returns',
  OfferShippingDetails: 'shipping',
};

/** Kinds declared in JSON-LD (at most 5 scripts of 50 kB each, 500 nodes each). */
function readJsonLd(doc: Document): Set<ReassuranceKind> {
  const out = new Set<ReassuranceKind>();
  const scripts = [...doc.querySelectorAll('script[type="application/ld+json"]')].slice(0, 5);
  for (const s of scripts) {
    const text = s.textContent ?? '';
    if (text.length > 50_000) continue;
    let budget = 500;
    const visit = (v: unknown): void => {
      if (!v || typeof v !== 'object' || --budget < 0) return;
      if (Array.isArray(v)) return v.forEach(visit);
      const o = v as Record<string, unknown>;
      for (const t of [o['@type']].flat()) {
        const k = typeof t === 'string' ? LD_KINDS[t] : undefined;
        if (k) out.add(k);
      }
      if (o.hasMerchantReturnPolicy) out.add('returns');
      if (o.shippingDetails) out.add('shipping');
      Object.values(o).forEach(visit);
    };
    try {
      visit(JSON.parse(text));
    } catch {} // a site's broken JSON-LD is its business, not an error of ours
  }
  return out;
}
