import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/config-error.js';
import { resolveConfig } from '../../../src/core/config.js';

const ENDPOINT = 'https://collect.example.com/v1/batch';

/** The one error `resolveConfig` throws for `input`, or a failure when it throws none. */
function errorOf(input: unknown, base?: string): ConfigError {
  try {
    resolveConfig(input, base);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error(`no ConfigError for ${JSON.stringify(input)}`);
}

/** Expects one ConfigError naming `field` (in `.field` and the message) and what it accepts. */
function expectRejected(input: unknown, field: string, accepts: RegExp) {
  const e = errorOf(input);
  expect(e.field).toBe(field);
  expect(e.name).toBe('ConfigError');
  expect(e.message).toContain(`config.${field} `);
  expect(e.message).toMatch(accepts);
}

describe('resolveConfig', () => {
  it('fills in every default from the endpoint alone', () => {
    expect(resolveConfig({ endpoint: ENDPOINT })).toEqual({
      endpoint: ENDPOINT,
      siteId: undefined,
      batch: { maxEvents: 50, maxBytes: 60_000, intervalMs: 5_000 },
      retry: { baseMs: 1_000, maxMs: 300_000 },
      storage: { maxEvents: 10_000, ttlMs: 7 * 86_400_000, dbName: 'parcours' },
      session: { timeoutMs: 30 * 60_000 },
      capture: {
        pageviews: true,
        spa: true,
        clicks: true,
        errors: true,
        misclicks: {
          emitAt: 50,
          confirmMs: 2500,
          touchConfirmMs: 3000,
          switchMs: 2000,
          reopenMs: 5000,
          dismissMs: 1500,
          undoMs: 5000,
          uTurnMs: 5000,
          quickBackMs: 15000,
          cartUndoMs: 10000,
          cartMisclickMs: 5000,
        },
        vitals: true,
        funnels: true,
        frustration: {
          slowMs: 1000,
          deadMs: 2500,
          maxWaitMs: 7000,
          rageClicks: 3,
          rageGapMs: 700,
          rageSpanMs: 2000,
          rageRadiusPx: 30,
          rageTouchRadiusPx: 40,
          errorWindowMs: 2000,
          thrashChanges: 20,
          thrashWindowMs: 2000,
          ignore: [],
          feedback: [],
        },
        inputs: false,
      },
      replay: { sample: 0 },
      funnels: [],
      privacy: { respectDoNotTrack: true, maskInputs: true, stripParams: [] },
      consent: 'granted',
      plugins: [],
      debug: false,
    });
  });

  it('reads capture.inputs and replay.sample', () => {
    const at = (o: object) => resolveConfig({ endpoint: ENDPOINT, ...o });
    expect(at({ capture: { inputs: true } }).capture.inputs).toEqual({ allow: [] });
    expect(at({ capture: { inputs: { allow: ['#qty'] } } }).capture.inputs).toEqual({
      allow: ['#qty'],
    });
    expect(at({ capture: { inputs: false } }).capture.inputs).toBe(false);
    expect(at({ replay: { sample: 0.1 } }).replay).toEqual({ sample: 0.1 });
  });

  it('rejects bad capture.inputs and replay values, naming the field', () => {
    expectRejected({ endpoint: ENDPOINT, capture: { inputs: 'yes' } }, 'capture.inputs', /object/);
    expectRejected(
      { endpoint: ENDPOINT, capture: { inputs: { allow: '#qty' } } },
      'capture.inputs.allow',
      /CSS selectors/,
    );
    expectRejected(
      { endpoint: ENDPOINT, capture: { inputs: { allow: [''] } } },
      'capture.inputs.allow',
      /CSS selectors/,
    );
    expectRejected(
      { endpoint: ENDPOINT, capture: { inputs: { deny: [] } } },
      'capture.inputs.deny',
      /allow/,
    );
    expectRejected({ endpoint: ENDPOINT, replay: { sample: 2 } }, 'replay.sample', /0 to 1/);
    expectRejected({ endpoint: ENDPOINT, replay: { sample: '0.1' } }, 'replay.sample', /0 to 1/);
    expectRejected({ endpoint: ENDPOINT, replay: { rate: 1 } }, 'replay.rate', /sample/);
    expectRejected({ endpoint: ENDPOINT, replay: 1 }, 'replay', /object/);
  });

  it('keeps the values it is given', () => {
    const plugin = { name: 'acme/x@1', setup() {} };
    const cfg = resolveConfig({
      endpoint: 'http://localhost:8080/collect',
      siteId: 'shop-fr',
      batch: { maxEvents: 10, maxBytes: 64_000, intervalMs: 100 },
      retry: { baseMs: 500, maxMs: 500 },
      storage: { maxEvents: 10, ttlMs: 60_000, dbName: 'my.db-1' },
      session: { timeoutMs: 1_000 },
      capture: { clicks: false, spa: false },
      privacy: { respectDoNotTrack: false, maskInputs: false, stripParams: ['email'] },
      consent: 'pending',
      plugins: [plugin],
      debug: true,
    });
    expect(cfg.endpoint).toBe('http://localhost:8080/collect');
    expect(cfg.siteId).toBe('shop-fr');
    expect(cfg.batch).toEqual({ maxEvents: 10, maxBytes: 64_000, intervalMs: 100 });
    expect(cfg.retry).toEqual({ baseMs: 500, maxMs: 500 });
    expect(cfg.storage).toEqual({ maxEvents: 10, ttlMs: 60_000, dbName: 'my.db-1' });
    expect(cfg.capture).toMatchObject({ clicks: false, spa: false, pageviews: true });
    expect(cfg.privacy).toEqual({
      respectDoNotTrack: false,
      maskInputs: false,
      stripParams: ['email'],
    });
    expect(cfg.consent).toBe('pending');
    expect(cfg.plugins).toEqual([plugin]);
    expect(cfg.debug).toBe(true);
  });

  describe('endpoint', () => {
    it('is required', () => {
      expectRejected({}, 'endpoint', /http\(s\) URL/);
      expectRejected({ endpoint: '' }, 'endpoint', /http\(s\) URL/);
      expectRejected({ endpoint: 42 }, 'endpoint', /http\(s\) URL/);
    });

    it.each(['ftp://x', 'javascript:alert(1)', 'data:text/plain,hi', 'file:///etc/passwd'])(
      'rejects the non-http(s) URL %s',
      (endpoint) => {
        expectRejected({ endpoint }, 'endpoint', /http\(s\) URL/);
      },
    );

    it('rejects a relative path when there is no page to resolve it against', () => {
      expectRejected({ endpoint: '/collect' }, 'endpoint', /http\(s\) URL/);
    });

    it('resolves a relative path against the page URL', () => {
      expect(
        resolveConfig({ endpoint: '/collect' }, 'https://shop.test/product/1?x=1').endpoint,
      ).toBe('https://shop.test/collect');
      expect(resolveConfig({ endpoint: 'api/c' }, 'https://shop.test/fr/').endpoint).toBe(
        'https://shop.test/fr/api/c',
      );
    });

    it('quotes the bad value in the message', () => {
      expect(errorOf({ endpoint: 'ftp://x' }).message).toContain('"ftp://x"');
    });
  });

  describe('numbers', () => {
    const cases: [string, string, number, unknown][] = [];
    for (const [group, key, max] of [
      ['batch', 'maxEvents', 1000],
      ['batch', 'maxBytes', 64_000],
      ['batch', 'intervalMs', 3_600_000],
      ['retry', 'baseMs', 3_600_000],
      ['storage', 'maxEvents', 1_000_000],
      ['storage', 'ttlMs', 90 * 86_400_000],
      ['session', 'timeoutMs', 86_400_000],
    ] as const) {
      for (const bad of [-1, 0, 1.5, Number.NaN, Infinity, '10', null, max + 1]) {
        cases.push([group, key, max, bad]);
      }
    }

    it.each(cases)(
      'rejects %s.%s = %s (max %s) with the accepted range',
      (group, key, max, bad) => {
        const input = { endpoint: ENDPOINT, [group]: { [key]: bad } };
        const e = errorOf(input);
        expect(e.field).toBe(`${group}.${key}`);
        expect(e.message).toContain(`config.${group}.${key} must be a whole number from`);
        expect(e.message).toContain(`to ${max}`);
      },
    );

    it('caps batch.maxBytes at the 64 000-byte keepalive budget', () => {
      expect(
        resolveConfig({ endpoint: ENDPOINT, batch: { maxBytes: 64_000 } }).batch.maxBytes,
      ).toBe(64_000);
      expectRejected(
        { endpoint: ENDPOINT, batch: { maxBytes: 64_001 } },
        'batch.maxBytes',
        /whole number from 1024 to 64000 \(got 64001\)/,
      );
    });

    it('rejects retry.maxMs below retry.baseMs', () => {
      expectRejected(
        { endpoint: ENDPOINT, retry: { baseMs: 5_000, maxMs: 1_000 } },
        'retry.maxMs',
        /at least retry\.baseMs \(5000\)/,
      );
      // The default baseMs (1000) counts too.
      expectRejected({ endpoint: ENDPOINT, retry: { maxMs: 500 } }, 'retry.maxMs', /at least/);
    });

    it('rejects retry.maxMs that is not a whole number', () => {
      expectRejected({ endpoint: ENDPOINT, retry: { maxMs: -5 } }, 'retry.maxMs', /whole number/);
    });
  });

  describe('unknown keys', () => {
    it('names a top-level typo and lists the known options', () => {
      const e = errorOf({ endpont: ENDPOINT });
      expect(e.field).toBe('endpont');
      expect(e.message).toContain('config.endpont ');
      expect(e.message).toContain('endpoint');
    });

    it('names a nested typo with its group', () => {
      const e = errorOf({ endpoint: ENDPOINT, batch: { maxEvent: 10 } });
      expect(e.field).toBe('batch.maxEvent');
      expect(e.message).toContain('config.batch.maxEvent ');
      expect(e.message).toContain('maxEvents');
    });

    it.each([
      ['capture', { click: true }, 'capture.click'],
      ['privacy', { stripParam: ['a'] }, 'privacy.stripParam'],
      ['storage', { name: 'x' }, 'storage.name'],
      ['session', { timeout: 1000 }, 'session.timeout'],
      ['retry', { max: 1000 }, 'retry.max'],
    ])('names an unknown %s option', (group, value, field) => {
      expect(errorOf({ endpoint: ENDPOINT, [group]: value }).field).toBe(field);
    });
  });

  describe('groups', () => {
    it.each(['batch', 'retry', 'storage', 'session', 'capture', 'privacy'])(
      'rejects %s that is not an object',
      (group) => {
        for (const bad of [null, 5, 'yes', [1]]) {
          expectRejected({ endpoint: ENDPOINT, [group]: bad }, group, /an object/);
        }
      },
    );
  });

  describe('flags', () => {
    it.each(['pageviews', 'spa', 'clicks', 'errors', 'misclicks', 'vitals'])(
      'rejects a non-boolean capture.%s',
      (flag) => {
        for (const bad of ['yes', 1, null]) {
          expectRejected(
            { endpoint: ENDPOINT, capture: { [flag]: bad } },
            `capture.${flag}`,
            /true or false/,
          );
        }
      },
    );

    it('rejects non-boolean privacy flags and debug', () => {
      expectRejected(
        { endpoint: ENDPOINT, privacy: { respectDoNotTrack: 'no' } },
        'privacy.respectDoNotTrack',
        /true or false/,
      );
      expectRejected(
        { endpoint: ENDPOINT, privacy: { maskInputs: 0 } },
        'privacy.maskInputs',
        /true or false/,
      );
      expectRejected({ endpoint: ENDPOINT, debug: 'true' }, 'debug', /true or false/);
    });
  });

  describe('other fields', () => {
    it('rejects an unknown consent value', () => {
      expectRejected(
        { endpoint: ENDPOINT, consent: 'maybe' },
        'consent',
        /'granted', 'pending' or 'denied'/,
      );
      expectRejected({ endpoint: ENDPOINT, consent: true }, 'consent', /'granted'/);
    });

    it('rejects stripParams that is not an array of names', () => {
      for (const bad of ['email', ['email', ''], ['email', 5], [null], { email: true }]) {
        expectRejected(
          { endpoint: ENDPOINT, privacy: { stripParams: bad } },
          'privacy.stripParams',
          /an array of parameter names/,
        );
      }
    });

    it('rejects plugins that are not { name, setup }', () => {
      expectRejected({ endpoint: ENDPOINT, plugins: {} }, 'plugins', /an array of plugins/);
      const good = { name: 'ok', setup() {} };
      for (const bad of [null, 'p', {}, { name: 'x' }, { setup() {} }, { name: 1, setup() {} }]) {
        expectRejected(
          { endpoint: ENDPOINT, plugins: [good, bad] },
          'plugins[1]',
          /\{ name: string, setup\(ctx\) \}/,
        );
      }
    });

    it('rejects a bad siteId', () => {
      for (const bad of ['', 'shop fr', 'a'.repeat(65), 42, 'shop/fr', null]) {
        expectRejected({ endpoint: ENDPOINT, siteId: bad }, 'siteId', /1–64 letters, digits/);
      }
      expect(resolveConfig({ endpoint: ENDPOINT, siteId: 'a'.repeat(64) }).siteId).toHaveLength(64);
    });

    it('rejects a bad storage.dbName', () => {
      for (const bad of ['', 'my db', 'x'.repeat(65), 7]) {
        expectRejected({ endpoint: ENDPOINT, storage: { dbName: bad } }, 'storage.dbName', /1–64/);
      }
    });

    it('rejects funnels that are not an array', () => {
      expectRejected({ endpoint: ENDPOINT, funnels: { checkout: [] } }, 'funnels', /an array/);
    });

    it('rejects a config that is not an object', () => {
      for (const bad of [undefined, null, 'https://x', [ENDPOINT]]) {
        const e = errorOf(bad);
        expect(e.message).toMatch(/an object with at least \{ endpoint \}/);
      }
    });
  });
});
