import type { ResolvedMatch } from '../core/funnel-types.js';
import type { TrackEvent } from '../core/types.js';

/** What a step match is tested against: an event just recorded, or the page after a DOM change. */
export interface MatchInput {
  /** The event (absent for a DOM check). */
  event?: TrackEvent;
  /** The page path. */
  path: string;
  /** Whether `selector` matches an element of the page. */
  has(selector: string): boolean;
}

const globs = new Map<string, RegExp>();

/**
 * A path glob as a RegExp: `*` is any characters but `/`, `**` any characters, `/**\/` also
 * `/`; case-insensitive, a trailing `/` ignored.
 */
export function globToRegExp(glob: string): RegExp {
  let re = globs.get(glob);
  if (!re) {
    const src = trimSlash(glob)
      .split(/(\/\*\*\/|\*\*|\*)/)
      .map((part) =>
        part === '/**/'
          ? '(?:/.*)?/'
          : part === '**'
            ? '.*'
            : part === '*'
              ? '[^/]*'
              : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('');
    re = new RegExp(`^${src}$`, 'i');
    globs.set(glob, re);
  }
  return re;
}

const trimSlash = (p: string) => (p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p);

/** The name an `event` match compares: a `custom` event's `name`, else the event type. */
export const eventName = (e: TrackEvent): string =>
  e.type === 'custom' && typeof e.props.name === 'string' ? e.props.name : e.type;

/**
 * Whether one of `matches` holds for `input`. Within a match every field given must hold. A
 * match with `event` or `when` is tested on events; one with only `path` / `selector` on page
 * views and DOM checks.
 */
export function matchesStep(matches: ResolvedMatch[], input: MatchInput): boolean {
  const e = input.event;
  return matches.some((m) => {
    if (m.event || m.when) {
      if (!e || (m.event && !m.event.includes(eventName(e)))) return false;
    } else if (e && e.type !== 'pageview') return false;
    const path = trimSlash(e?.path ?? input.path);
    if (m.path && !m.path.some((g) => globToRegExp(g).test(path))) return false;
    if (m.selector && !input.has(m.selector)) return false;
    return !m.when || m.when(e!) === true;
  });
}
