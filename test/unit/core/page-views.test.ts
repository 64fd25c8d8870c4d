import { describe, expect, it, vi } from 'vitest';
import { harness, ofType, useTrackerSandbox } from './helpers.js';

useTrackerSandbox();

describe('page views', () => {
  it('records title, referrer, utm, viewport and spa', async () => {
    history.replaceState(null, '', '/landing?utm_source=news&utm_medium=email&utm_campaign=spring');
    document.title = 'Spring sale';
    const { t, received } = harness();
    t.page();
    const [view] = ofType(await received(), 'pageview');
    expect(view!.props).toEqual({
      title: 'Spring sale',
      referrer: '',
      utm: { source: 'news', medium: 'email', campaign: 'spring' },
      viewport: { w: innerWidth, h: innerHeight },
      spa: false,
    });
  });

  it('strips the listed parameters from the document referrer', async () => {
    const ref = 'https://partner.test/list?token=secret&page=2';
    const spy = vi.spyOn(document, 'referrer', 'get').mockReturnValue(ref);
    const { t, received } = harness({ privacy: { stripParams: ['token'] } });
    t.page();
    spy.mockRestore();
    const [view] = ofType(await received(), 'pageview');
    expect(view!.props.referrer).toBe('https://partner.test/list?page=2');
  });

  it('caps the title at 200 characters', async () => {
    document.title = 'T'.repeat(500);
    const { t, received } = harness();
    t.page();
    expect(ofType(await received(), 'pageview')[0]!.props.title).toBe('T'.repeat(200));
  });

  it('does not record the same URL twice in a row, but records a return to it', async () => {
    history.replaceState(null, '', '/a');
    const { t, received } = harness();
    t.page();
    t.page();
    history.replaceState(null, '', '/b');
    t.page();
    history.replaceState(null, '', '/a');
    t.page();
    const views = ofType(await received(), 'pageview');
    expect(views.map((v) => [v.path, v.props.referrer])).toEqual([
      ['/a', ''],
      ['/b', 'http://localhost:3000/a'],
      ['/a', 'http://localhost:3000/b'],
    ]);
  });

  it('treats URLs that differ only by a stripped parameter as the same page', async () => {
    history.replaceState(null, '', '/a?token=1');
    const { t, received } = harness({ privacy: { stripParams: ['token'] } });
    t.page();
    history.replaceState(null, '', '/a?token=2');
    t.page();
    expect(ofType(await received(), 'pageview')).toHaveLength(1);
  });

  it('records the page view once consent allows it', async () => {
    const { t, received } = harness({ consent: 'denied' });
    t.page();
    t.setConsent('granted');
    t.page();
    expect(ofType(await received(), 'pageview')).toHaveLength(1);
  });

  it('keeps parameters listed in stripParams out of the utm props too', async () => {
    history.replaceState(null, '', '/?utm_source=search&utm_term=jane%40example.com');
    const { t, received } = harness({ privacy: { stripParams: ['utm_term'] } });
    t.page();
    const [view] = ofType(await received(), 'pageview');
    expect(view!.url).toBe('http://localhost:3000/?utm_source=search');
    expect(view!.props.utm).toEqual({ source: 'search' });
    expect(JSON.stringify(view)).not.toContain('jane');
  });
});
