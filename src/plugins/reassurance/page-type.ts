import { ConfigError } from '../../core/config-error.js';
import { stringList } from '../options.js';

/** Resolves a page's type: markup first, then the configured path patterns. */
export type PageTypeOf = (doc: Document, path: string) => string | null;

/**
 * `pageTypes` `{ product: ['/product/*', '/**\/p/*'], cart: '/cart' }`: `*` is one path
 * segment, `**` any number. `data-page-type` on `<html>` or `<body>` wins over patterns.
 */
export function pageTypeResolver(field: string, v: unknown): PageTypeOf {
  if (v !== undefined && (!v || typeof v !== 'object' || Array.isArray(v)))
    throw new ConfigError(field, 'an object { type: path pattern(s) }', v);
  const rules = Object.entries((v ?? {}) as Record<string, unknown>).map(
    ([type, p]) => [type, stringList(`${field}.${type}`, p).map(globToRegExp)] as const,
  );
  return (doc, path) => {
    const marked =
      doc.documentElement?.getAttribute('data-page-type') ??
      doc.body?.getAttribute('data-page-type');
    if (marked) return marked.slice(0, 64);
    for (const [type, res] of rules) if (res.some((re) => re.test(path))) return type;
    return null;
  };
}

function globToRegExp(glob: string): RegExp {
  const src = glob
    .split('/')
    .map((seg) =>
      seg === '**' ? '.*' : seg.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'),
    )
    .join('/')
    .replace(/\/\.\*\//g, '(?:/.*)?/');
  return new RegExp(`^${src}/?$`);
}
