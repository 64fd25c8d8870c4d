import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../../src/core/config-error.js';
import { detectDevice, device } from '../../../src/plugins/device/index.js';
import { harness, useTrackerSandbox } from '../core/helpers.js';

type Row = [string, number, string, string, string | null, string, string | null];
// [user agent, maxTouchPoints, class, browser, browserVersion, os, osVersion]: real strings.
const UAS: Row[] = [
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1',
    5,
    'mobile',
    'Mobile Safari',
    '17.4.1',
    'iOS',
    '17.4.1',
  ],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1',
    5,
    'mobile',
    'Chrome',
    '120.0.6099.119',
    'iOS',
    '16.6',
  ],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 319.0.2.24.113 (iPhone14,5; iOS 17_3; fr_FR; fr; scale=3.00; 1170x2532; 566446394)',
    5,
    'mobile',
    'Instagram',
    '319.0.2.24.113',
    'iOS',
    '17.3',
  ],
  [
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
    5,
    'mobile',
    'Chrome',
    '124.0.0.0',
    'Android',
    '10',
  ],
  [
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.6312.99 Mobile Safari/537.36',
    5,
    'mobile',
    'Chrome',
    '123.0.6312.99',
    'Android',
    '14',
  ],
  [
    'Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-A536B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
    5,
    'mobile',
    'Samsung Internet',
    '24.0',
    'Android',
    '13',
  ],
  [
    'Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0',
    5,
    'mobile',
    'Firefox',
    '125.0',
    'Android',
    '14',
  ],
  [
    'Mozilla/5.0 (Linux; Android 12; Pixel 6) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/112.0.0.0 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/411.0.0.27.111;]',
    5,
    'mobile',
    'Facebook',
    '411.0.0.27.111',
    'Android',
    '12',
  ],
  [
    'Mozilla/5.0 (Linux; Android 11; Mi 10T Pro) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.5993.111 Mobile Safari/537.36 OPR/79.1.4195.76385',
    5,
    'mobile',
    'Opera',
    '79.1.4195.76385',
    'Android',
    '11',
  ],
  [
    'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
    5,
    'tablet',
    'Mobile Safari',
    '16.6',
    'iOS',
    '16.6',
  ],
  // iPadOS "request desktop website" (the default on iPad): a Mac UA, told apart by touch.
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
    5,
    'tablet',
    'Safari',
    '17.4',
    'iOS',
    null,
  ],
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
    0,
    'desktop',
    'Safari',
    '17.4',
    'Mac OS',
    '10.15.7',
  ],
  // Android tablets: Chrome sends no "Mobile" token.
  [
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    10,
    'tablet',
    'Chrome',
    '124.0.0.0',
    'Android',
    '10',
  ],
  [
    'Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.6167.178 Safari/537.36',
    10,
    'tablet',
    'Chrome',
    '121.0.6167.178',
    'Android',
    '13',
  ],
  [
    'Mozilla/5.0 (Linux; Android 11; Lenovo TB-J606F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.5735.196 Safari/537.36',
    10,
    'tablet',
    'Chrome',
    '114.0.5735.196',
    'Android',
    '11',
  ],
  [
    'Mozilla/5.0 (Linux; Android 9; KFTRWI) AppleWebKit/537.36 (KHTML, like Gecko) Silk/120.3.1 like Chrome/120.0.6099.230 Safari/537.36',
    10,
    'tablet',
    'Silk',
    '120.3.1',
    'Android',
    '9',
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    0,
    'desktop',
    'Chrome',
    '124.0.0.0',
    'Windows',
    '10',
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51',
    0,
    'desktop',
    'Edge',
    '124.0.2478.51',
    'Windows',
    '10',
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
    0,
    'desktop',
    'Firefox',
    '125.0',
    'Windows',
    '10',
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 OPR/109.0.0.0',
    0,
    'desktop',
    'Opera',
    '109.0.0.0',
    'Windows',
    '10',
  ],
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    0,
    'desktop',
    'Chrome',
    '124.0.0.0',
    'Mac OS',
    '10.15.7',
  ],
  [
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    0,
    'desktop',
    'Chrome',
    '124.0.0.0',
    'Linux',
    null,
  ],
  [
    'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
    0,
    'desktop',
    'Firefox',
    '125.0',
    'Ubuntu',
    null,
  ],
  // A touch Chromebook is a laptop.
  [
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    10,
    'desktop',
    'Chrome',
    '124.0.0.0',
    'Chromium OS',
    '14541.0.0',
  ],
  [
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.0.0 Safari/537.36',
    0,
    'desktop',
    'Chrome Headless',
    '124.0.0.0',
    'Linux',
    null,
  ],
  [
    'Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/4.0 Chrome/76.0.3809.146 TV Safari/537.36',
    0,
    'desktop',
    'Samsung Internet',
    '4.0',
    'Tizen',
    '6.0',
  ],
];

describe('detectDevice', () => {
  it.each(UAS)(
    '%s (touch points %i) is %s',
    (userAgent, maxTouchPoints, cls, browser, browserVersion, os, osVersion) => {
      expect(detectDevice({ userAgent, maxTouchPoints })).toEqual({
        class: cls,
        browser,
        browserVersion,
        os,
        osVersion,
        touch: maxTouchPoints > 0,
      });
    },
  );

  it('covers at least 20 user agents, tablets among them', () => {
    expect(UAS.length).toBeGreaterThanOrEqual(20);
    expect(UAS.filter((r) => r[2] === 'tablet').length).toBeGreaterThanOrEqual(5);
  });

  const WIN = UAS[16]![0];
  const ANDROID_TABLET = UAS[12]![0];

  it('refines frozen versions with Client Hints: Windows 11, the real Android, the full Chrome version', () => {
    const win11 = detectDevice({
      userAgent: WIN,
      maxTouchPoints: 0,
      hints: {
        platform: 'Windows',
        platformVersion: '15.0.0',
        brands: [{ brand: 'Google Chrome', version: '124.0.6367.91' }],
      },
    });
    expect(win11).toMatchObject({
      os: 'Windows',
      osVersion: '11',
      browserVersion: '124.0.6367.91',
    });
    expect(
      detectDevice({
        userAgent: WIN,
        maxTouchPoints: 0,
        hints: { platform: 'Windows', platformVersion: '10.0.0' },
      }).osVersion,
    ).toBe('10');
    const tab = detectDevice({
      userAgent: ANDROID_TABLET,
      maxTouchPoints: 10,
      hints: { platform: 'Android', mobile: false, platformVersion: '14.0.0' },
    });
    expect(tab).toMatchObject({ class: 'tablet', os: 'Android', osVersion: '14' });
  });

  it('ignores hints that name another OS than the User-Agent (emulation, spoofing)', () => {
    const ua = UAS[3]![0]; // Android phone
    const d = detectDevice({
      userAgent: ua,
      maxTouchPoints: 5,
      hints: { platform: 'Linux', mobile: false, platformVersion: '6.1.0' },
    });
    expect(d).toMatchObject({ class: 'mobile', os: 'Android', osVersion: '10' });
  });

  it('takes mobile from hints when the User-Agent says nothing', () => {
    const ua =
      'Mozilla/5.0 (Linux; U; Android 4.0.3; ko-kr; LG-L160L Build/IML74K) AppleWebkit/534.30 (KHTML, like Gecko) Version/4.0 Mobile Safari/534.30';
    expect(detectDevice({ userAgent: ua, maxTouchPoints: 1 }).class).toBe('mobile');
  });
});

describe('device plugin', () => {
  useTrackerSandbox();
  afterEach(() => {
    delete (navigator as { userAgentData?: unknown }).userAgentData;
  });
  const asPhone = () => {
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(UAS[4]![0]);
    vi.spyOn(navigator, 'maxTouchPoints', 'get').mockReturnValue(5);
  };

  it('adds the same device to every event, the first page view included', async () => {
    asPhone();
    const h = harness({ plugins: [device()] });
    h.t.page();
    h.t.track('add_to_cart');
    h.t.step('checkout', 'cart');
    const events = await h.received();
    expect(events).toHaveLength(3);
    for (const e of events) {
      expect(e.device).toEqual({
        class: 'mobile',
        browser: 'Chrome',
        browserVersion: '123.0.6312.99',
        os: 'Android',
        osVersion: '14',
        touch: true,
      });
    }
  });

  it('asks once for high-entropy hints and uses them for the events after the answer', async () => {
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(UAS[16]![0]);
    const getHighEntropyValues = vi.fn(async () => ({
      platform: 'Windows',
      platformVersion: '15.0.0',
      fullVersionList: [{ brand: 'Google Chrome', version: '124.0.6367.91' }],
    }));
    Object.defineProperty(navigator, 'userAgentData', {
      configurable: true,
      value: {
        mobile: false,
        platform: 'Windows',
        brands: [{ brand: 'Google Chrome', version: '124' }],
        getHighEntropyValues,
      },
    });
    const h = harness({ plugins: [device()] });
    h.t.track('before');
    await vi.advanceTimersByTimeAsync(0);
    h.t.track('after');
    const [before, after] = await h.received();
    expect(before!.device).toMatchObject({
      os: 'Windows',
      osVersion: '10',
      browserVersion: '124.0.0.0',
    });
    expect(after!.device).toMatchObject({
      os: 'Windows',
      osVersion: '11',
      browserVersion: '124.0.6367.91',
    });
    expect(getHighEntropyValues).toHaveBeenCalledTimes(1);
    const off = harness({ plugins: [device({ highEntropy: false })] });
    off.t.track('x');
    expect(getHighEntropyValues).toHaveBeenCalledTimes(1);
  });

  it('refuses bad options with a ConfigError naming the field', () => {
    expect(() => device({ highEntropy: 'yes' } as never)).toThrow(ConfigError);
    expect(() => device({ hints: true } as never)).toThrow(/config\.device\.hints/);
  });
});
