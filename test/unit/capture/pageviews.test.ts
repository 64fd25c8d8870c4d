import { describe, expect, it } from 'vitest';
import { init } from '../../../src/init.js';
import { harness, ofType, useTrackerSandbox } from '../core/helpers.js';

useTrackerSandbox();

// The methods as the browser has them, to move the URL without going through the patch.
const rawReplaceState = History.prototype.replaceState;
const views = async (h: ReturnType<typeof harness>) => ofType(await h.received(), 'pageview');

describe('pageview capture', () => {
  it('records the initial page view', async () => {
    history.replaceState(null, '', '/home?utm_source=news');
    document.title = 'Home';
    const h = harness({}, {}, init);
    const [v] = await views(h);
    expect(v!.path).toBe('/home');
    expect(v!.props).toMatchObject({ title: 'Home', spa: false, utm: { source: 'news' } });
  });

  it('records a spa page view on pushState and replaceState, with the previous URL as referrer', async () => {
    history.replaceState(null, '', '/a');
    const h = harness({}, {}, init);
    history.pushState({ step: 1 }, '', '/b?q=1');
    expect(history.state).toEqual({ step: 1 });
    expect(location.pathname).toBe('/b');
    history.replaceState(null, '', '/c');
    const all = await views(h);
    expect(all.map((v) => [v.path, v.props.referrer, v.props.spa])).toEqual([
      ['/a', '', false],
      ['/b', 'http://localhost:3000/a', true],
      ['/c', 'http://localhost:3000/b?q=1', true],
    ]);
  });

  it('records one page view when the same URL is pushed twice', async () => {
    history.replaceState(null, '', '/a');
    const h = harness({}, {}, init);
    history.pushState(null, '', '/b');
    history.pushState(null, '', '/b');
    history.replaceState({ scroll: 10 }, '', '/b');
    expect((await views(h)).map((v) => v.path)).toEqual(['/a', '/b']);
  });

  it('records a page view on popstate and hashchange', async () => {
    history.replaceState(null, '', '/a');
    const h = harness({}, {}, init);
    rawReplaceState.call(history, null, '', '/back');
    window.dispatchEvent(new PopStateEvent('popstate'));
    rawReplaceState.call(history, null, '', '/back#reviews');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect((await views(h)).map((v) => v.url)).toEqual([
      'http://localhost:3000/a',
      'http://localhost:3000/back',
      'http://localhost:3000/back#reviews',
    ]);
  });

  it('strips the listed parameters from url and referrer', async () => {
    history.replaceState(null, '', '/a?token=1');
    const h = harness({ privacy: { stripParams: ['token'] } }, {}, init);
    history.pushState(null, '', '/b?token=2&x=1');
    const [, b] = await views(h);
    expect(b!.url).toBe('http://localhost:3000/b?x=1');
    expect(b!.props.referrer).toBe('http://localhost:3000/a');
  });

  it('records no route change with capture.spa off, and leaves history alone', async () => {
    const push = history.pushState;
    const h = harness({ capture: { spa: false } }, {}, init);
    expect(history.pushState).toBe(push);
    history.pushState(null, '', '/b');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect((await views(h)).map((v) => v.path)).toEqual(['/']);
  });

  it('records no initial page view with capture.pageviews off', async () => {
    const h = harness({ capture: { pageviews: false } }, {}, init);
    expect(await views(h)).toHaveLength(0);
    history.pushState(null, '', '/b');
    expect((await views(h)).map((v) => v.path)).toEqual(['/b']);
  });

  it('restores history.pushState and replaceState on shutdown', async () => {
    const push = history.pushState;
    const replace = history.replaceState;
    const h = harness({}, {}, init);
    expect(history.pushState).not.toBe(push);
    await h.t.shutdown();
    expect(history.pushState).toBe(push);
    expect(history.replaceState).toBe(replace);
    history.pushState(null, '', '/after');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(
      ofType(
        h.bodies.flatMap((b) => b.events),
        'pageview',
      ),
    ).toHaveLength(1);
  });

  it('keeps a patch another script made after ours on shutdown', async () => {
    const h = harness({}, {}, init);
    const ours = history.pushState;
    const theirs = function (this: History, ...args: Parameters<History['pushState']>) {
      return ours.apply(this, args);
    };
    history.pushState = theirs;
    await h.t.shutdown();
    expect(history.pushState).toBe(theirs);
    delete (history as Partial<History>).pushState;
  });
});
