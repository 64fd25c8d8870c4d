import { readUtm } from './url.js';
import type { Json, TrackEvent } from './types.js';

/**
 * Page view records, shared by automatic capture and `tracker.page()`: the same URL twice in a
 * row is one page view; the referrer of a route change is the previous page view.
 */
export function createPageViews(
  emit: (type: string, props: { [k: string]: Json }) => TrackEvent | undefined,
  url: (href?: string) => string,
): (spa: boolean) => void {
  let last = '';
  let views = 0;
  return (spa) => {
    const u = url();
    if (u === last) return;
    const referrer = views ? last : document.referrer ? url(document.referrer) : '';
    if (
      emit('pageview', {
        title: document.title.slice(0, 200),
        referrer,
        utm: readUtm(u),
        viewport: { w: innerWidth, h: innerHeight },
        spa: spa && views > 0,
      })
    ) {
      last = u;
      views++;
    }
  };
}
