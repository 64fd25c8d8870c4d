import UAParser from 'ua-parser-js';
import type { DeviceInfo } from '../../core/types.js';

/** What the page tells about its device, read once per page. */
export interface DeviceInput {
  userAgent: string;
  /** `navigator.maxTouchPoints`. */
  maxTouchPoints: number;
  /** User-Agent Client Hints, where the browser has them (Chromium). */
  hints?: ClientHints;
}

/** The subset of `navigator.userAgentData` (low and high entropy) the plugin reads. */
export interface ClientHints {
  mobile?: boolean;
  platform?: string;
  platformVersion?: string;
  /** `fullVersionList` (high entropy) or `brands` (low entropy). */
  brands?: { brand: string; version: string }[];
}

const SHORT = 32;
const cut = (s: string | undefined) => (s ? s.slice(0, SHORT) : null);

/**
 * Device class, browser and OS from the User-Agent (ua-parser-js 1.x), refined with Client
 * Hints when they agree with it (an emulated or spoofed User-Agent keeps the hints of the real
 * machine, so hints that name another OS are ignored).
 *
 * @example detectDevice({ userAgent: navigator.userAgent, maxTouchPoints: 5 }).class // 'mobile'
 */
export function detectDevice(input: DeviceInput): DeviceInfo {
  const r = parse(input.userAgent);
  const touch = input.maxTouchPoints > 0;
  let os = r.os.name;
  let osVersion = r.os.version;
  let type = r.device.type;
  // iPadOS 13+ asks for desktop sites with a Macintosh User-Agent; only touch tells them apart.
  if (os === 'Mac OS' && input.maxTouchPoints > 1) {
    type = 'tablet';
    os = 'iOS';
    osVersion = undefined; // the Macintosh UA carries a frozen 10_15_7, not the iPadOS version
  }
  // Chrome on Android tablets sends no "Mobile" token (reduced UA: "Android 10; K").
  if (!type && os === 'Android') type = /\bMobile\b/.test(input.userAgent) ? 'mobile' : 'tablet';
  const browser = r.browser.name;
  let browserVersion = r.browser.version;
  const h = input.hints;
  if (h && sameOs(os, h.platform)) {
    if (h.mobile && !type) type = 'mobile';
    // The UA is frozen (Windows 11 says "10", macOS "10_15_7", Android "10"): hints are not.
    if (h.platformVersion) osVersion = platformVersion(os, h.platformVersion);
    const full = browser && h.brands?.find((b) => sameBrowser(browser!, b.brand));
    if (full && full.version.includes('.') && full.version.split('.')[0] === r.browser.major)
      browserVersion = full.version;
  }
  return {
    class:
      type === 'mobile' || type === 'wearable'
        ? 'mobile'
        : type === 'tablet'
          ? 'tablet'
          : 'desktop',
    browser: cut(browser),
    browserVersion: cut(browserVersion),
    os: cut(os),
    osVersion: cut(osVersion),
    touch,
  };
}

type Parsed = Pick<UAParser.IResult, 'browser' | 'os' | 'device'>;
let last: { ua: string; r: Parsed } | undefined;

/**
 * The browser, OS and device of a User-Agent, parsed once per string (the plugin detects again
 * when the high-entropy hints arrive). The engine and CPU lists are never run: each list's
 * patterns are compiled on first use, and nothing here reads them.
 */
function parse(ua: string): Parsed {
  if (last?.ua !== ua) {
    const p = new UAParser(ua);
    last = { ua, r: { browser: p.getBrowser(), os: p.getOS(), device: p.getDevice() } };
  }
  return last.r;
}

const OS_OF_PLATFORM: Record<string, string> = {
  windows: 'Windows',
  macos: 'Mac OS',
  android: 'Android',
  'chrome os': 'Chromium OS',
  chromeos: 'Chromium OS',
  linux: 'Linux',
  ios: 'iOS',
};

function sameOs(os: string | undefined, platform: string | undefined): boolean {
  if (!os || !platform) return false;
  const p = OS_OF_PLATFORM[platform.toLowerCase()];
  return p === os || (p === 'Linux' && os === 'Ubuntu');
}

/** Windows hints give the UniversalApiContract version: 13+ is Windows 11, 1–10 is Windows 10. */
function platformVersion(os: string | undefined, v: string): string {
  if (os !== 'Windows') return v.replace(/(\.0)+$/, ''); // "14.0.0" → "14", as UAs write it
  const major = Number(v.split('.')[0]);
  return major >= 13 ? '11' : major > 0 ? '10' : v;
}

function sameBrowser(name: string, brand: string): boolean {
  const n = name.toLowerCase().replace(' headless', '');
  const b = brand.toLowerCase().replace('google ', '').replace('microsoft ', '');
  return n === b;
}
