import { ConfigError } from '../../core/config-error.js';
import type { Plugin } from '../../core/plugin-types.js';
import type { DeviceInfo } from '../../core/types.js';
import { readOptions } from '../options.js';
import { detectDevice } from './detect-device.js';
import type { ClientHints } from './detect-device.js';

export { detectDevice } from './detect-device.js';
export type { ClientHints, DeviceInput } from './detect-device.js';
export type { DeviceInfo } from '../../core/types.js';

/** Options of {@link device}. */
export interface DeviceOptions {
  /**
   * Ask Chromium for the high-entropy Client Hints (`platformVersion`, `fullVersionList`): the
   * real Windows 11 / macOS / Android version and the full browser version. Events recorded
   * before the answer (a few ms) carry the User-Agent's values. @defaultValue true
   */
  highEntropy?: boolean;
}

interface UAData extends ClientHints {
  getHighEntropyValues?(
    hints: string[],
  ): Promise<ClientHints & { fullVersionList?: ClientHints['brands'] }>;
}

/** The plugin's versioned name. */
export const DEVICE_PLUGIN = 'parcours/device@1';

/**
 * The device plugin: adds `device` `{ class, browser, browserVersion, os, osVersion, touch }` to
 * every event, detected once per page from the User-Agent (ua-parser-js 1.x) and Client Hints.
 *
 * @example
 * import { device } from 'parcours/plugins/device';
 * init({ endpoint: '/collect', plugins: [device()] });
 */
/* @__NO_SIDE_EFFECTS__ */
export function device(options?: DeviceOptions): Plugin {
  const o = readOptions<DeviceOptions>('device', options, ['highEntropy']);
  if (o.highEntropy !== undefined && typeof o.highEntropy !== 'boolean') {
    throw new ConfigError('device.highEntropy', 'a boolean', o.highEntropy);
  }
  let info: DeviceInfo | undefined;
  return {
    name: DEVICE_PLUGIN,
    setup(ctx) {
      const nav = navigator as Navigator & { userAgentData?: UAData };
      const ua = nav.userAgentData;
      const base = { userAgent: nav.userAgent, maxTouchPoints: nav.maxTouchPoints || 0 };
      info = detectDevice({ ...base, hints: ua && { mobile: ua.mobile, platform: ua.platform } });
      if (o.highEntropy === false || typeof ua?.getHighEntropyValues !== 'function') return;
      ua.getHighEntropyValues(['platformVersion', 'fullVersionList']).then(
        (h) => {
          info = detectDevice({ ...base, hints: { ...h, brands: h.fullVersionList ?? h.brands } });
        },
        (e: unknown) => ctx.debug('client hints refused', String(e)),
      );
    },
    beforeEvent: (e) => (info ? { ...e, device: info } : e),
  };
}
