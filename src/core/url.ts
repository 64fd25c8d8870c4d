/** Click ids and UTM keys that identify the campaign that brought a visitor. */
export const UTM_KEYS = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
] as const;
export const CLICK_ID_KEYS = ['gclid', 'gbraid', 'wbraid', 'fbclid', 'msclkid', 'ttclid'] as const;

/**
 * The URL without the listed parameters (names compared case-insensitively), in the query and in
 * a `#key=value&…` fragment (OAuth implicit flows put `#access_token=…` there).
 */
export function stripParams(href: string, params: readonly string[]): string {
  if (!params.length) return href;
  try {
    const u = new URL(href);
    const drop = new Set(params.map((p) => p.toLowerCase()));
    const strip = (q: URLSearchParams) => {
      for (const k of [...q.keys()]) if (drop.has(k.toLowerCase())) q.delete(k);
    };
    strip(u.searchParams);
    const m = /^#([/?]?)(.*=.*)$/.exec(u.hash);
    if (m) {
      const q = new URLSearchParams(m[2]);
      strip(q);
      const rest = q.toString();
      u.hash = rest ? `${m[1]}${rest}` : '';
    }
    return u.href;
  } catch {
    return href;
  }
}

/** UTM values present in the URL (`utm_source` → `source`). */
export function readUtm(href: string): Record<string, string> {
  const out: Record<string, string> = {};
  try {
    const q = new URL(href).searchParams;
    for (const k of UTM_KEYS) {
      const v = q.get(k);
      if (v) out[k.slice(4)] = v.slice(0, 200);
    }
  } catch {}
  return out;
}

/** A key that changes when a different campaign brings the visitor, or `''` when none did. */
export function campaignKey(href: string): string {
  try {
    const q = new URL(href).searchParams;
    return [...UTM_KEYS, ...CLICK_ID_KEYS]
      .map((k) => q.get(k) ?? '')
      .join('|')
      .replace(/^\|+$/, '');
  } catch {
    return '';
  }
}
