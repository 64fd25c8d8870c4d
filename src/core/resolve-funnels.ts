import { isObject, unknownKeys as keys, validSelector } from './check.js';
import { ConfigError } from './config-error.js';
import { ECOMMERCE_FUNNEL, ECOMMERCE_STEPS } from './ecommerce-funnel.js';
import type { ResolvedFunnel, ResolvedMatch } from './funnel-types.js';

const NAME = /^[^\p{Cc}:]{1,100}$/u; // funnel names carry no ':' (markup is funnel:step)
const STEP = /^\P{Cc}{1,100}$/u;
const MATCH_KEYS = ['path', 'event', 'selector', 'when'];

type MatchOf = (at: string, m: unknown) => ResolvedMatch[];
type PresetOf = (name: string) => ResolvedFunnel | undefined;

/**
 * Checks `config.funnels` and resolves presets (`'ecommerce'`) and the shorthand forms of a step
 * match. Throws one {@link ConfigError} naming the field, e.g. `funnels[0].steps[1].match.path`.
 */
export const resolveFunnels = (input: unknown): ResolvedFunnel[] =>
  funnelsOf(input, match, (p) => (p === 'ecommerce' ? ECOMMERCE_FUNNEL : undefined));

/**
 * What `createTracker` alone needs for `step()`: funnel and step names, checked as
 * {@link resolveFunnels} checks them; matches are left out (`[]`), since only `init`'s funnel
 * capture reads them. Keeps the match checker and the preset's URL table out of the core bundle.
 */
export const resolveFunnelSteps = (input: unknown): ResolvedFunnel[] =>
  funnelsOf(
    input,
    () => [],
    (p) =>
      p === 'ecommerce'
        ? { name: p, steps: ECOMMERCE_STEPS.map((name) => ({ name, match: [] })) }
        : undefined,
  );

function funnelsOf(input: unknown, m: MatchOf, preset: PresetOf): ResolvedFunnel[] {
  if (input === undefined) return [];
  if (!Array.isArray(input)) throw new ConfigError('funnels', 'an array', input);
  const seen = new Set<string>();
  return input.map((f: unknown, i) => {
    const at = `funnels[${i}]`;
    const r = typeof f === 'string' ? preset(f) : funnel(at, f, m);
    if (!r) throw new ConfigError(at, `a funnel { name, steps } or a preset ('ecommerce')`, f);
    if (seen.has(r.name)) throw new ConfigError(`${at}.name`, 'a name used once', r.name);
    seen.add(r.name);
    return r;
  });
}

function funnel(at: string, f: unknown, m: MatchOf): ResolvedFunnel | undefined {
  if (!isObject(f)) return undefined;
  keys(at, f, ['name', 'steps']);
  if (typeof f.name !== 'string' || !NAME.test(f.name))
    throw new ConfigError(`${at}.name`, 'a string of 1–100 characters without ":"', f.name);
  if (!Array.isArray(f.steps) || !f.steps.length)
    throw new ConfigError(`${at}.steps`, 'a non-empty array of { name, match? }', f.steps);
  const names = new Set<string>();
  const steps = f.steps.map((s: unknown, j) => {
    const sat = `${at}.steps[${j}]`;
    if (!isObject(s)) throw new ConfigError(sat, 'an object { name, match? }', s);
    keys(sat, s, ['name', 'match']);
    if (typeof s.name !== 'string' || !STEP.test(s.name) || names.has(s.name))
      throw new ConfigError(`${sat}.name`, 'a unique string of 1–100 characters', s.name);
    names.add(s.name);
    return { name: s.name, match: m(`${sat}.match`, s.match) };
  });
  return { name: f.name, steps };
}

function match(at: string, m: unknown): ResolvedMatch[] {
  if (m === undefined) return [];
  if (typeof m === 'function') return [{ when: m as ResolvedMatch['when'] }];
  const list = Array.isArray(m) ? m : [m];
  return list.map((one: unknown, k) => {
    const mat = Array.isArray(m) ? `${at}[${k}]` : at;
    const accepts = 'a match { path?, event?, selector?, when? }, an array of them, or a function';
    if (!isObject(one) || !Object.keys(one).length) throw new ConfigError(mat, accepts, one);
    keys(mat, one, MATCH_KEYS);
    const r: ResolvedMatch = {};
    for (const k of ['path', 'event'] as const) {
      if (one[k] === undefined) continue;
      const v = typeof one[k] === 'string' ? [one[k]] : one[k];
      if (!Array.isArray(v) || !v.length || !v.every((x) => typeof x === 'string' && x))
        throw new ConfigError(`${mat}.${k}`, 'a non-empty string or array of strings', one[k]);
      if (k === 'path' && !v.every((x: string) => x.startsWith('/')))
        throw new ConfigError(`${mat}.path`, 'globs starting with "/"', one[k]);
      r[k] = v as string[];
    }
    if (one.selector !== undefined) {
      if (typeof one.selector !== 'string' || !validSelector(one.selector))
        throw new ConfigError(`${mat}.selector`, 'a valid CSS selector', one.selector);
      r.selector = one.selector;
    }
    if (one.when !== undefined) {
      if (typeof one.when !== 'function')
        throw new ConfigError(`${mat}.when`, 'a function (event) => boolean', one.when);
      r.when = one.when as ResolvedMatch['when'];
    }
    return r;
  });
}
