import { describe, expect, it } from 'vitest';
import { campaignKey, readUtm, stripParams } from '../../../src/core/url.js';

describe('stripParams', () => {
  it('removes the listed parameters, whatever their case, and keeps the rest', () => {
    expect(
      stripParams('https://shop.test/p?Email=a%40b.c&color=red&token=1&TOKEN=2#top', [
        'email',
        'token',
      ]),
    ).toBe('https://shop.test/p?color=red#top');
  });

  it('removes every occurrence of a repeated parameter', () => {
    expect(stripParams('https://shop.test/?t=1&a=2&t=3', ['t'])).toBe('https://shop.test/?a=2');
  });

  it('returns the URL unchanged when nothing is listed or it cannot be parsed', () => {
    expect(stripParams('https://shop.test/?email=x', [])).toBe('https://shop.test/?email=x');
    expect(stripParams('not a url', ['email'])).toBe('not a url');
  });
});

describe('readUtm', () => {
  it('reads the five UTM parameters without their prefix', () => {
    expect(
      readUtm(
        'https://shop.test/?utm_source=news&utm_medium=email&utm_campaign=spring&utm_term=shoes&utm_content=top&x=1',
      ),
    ).toEqual({
      source: 'news',
      medium: 'email',
      campaign: 'spring',
      term: 'shoes',
      content: 'top',
    });
  });

  it('caps each value at 200 characters and ignores empty ones', () => {
    const utm = readUtm(`https://shop.test/?utm_source=${'s'.repeat(500)}&utm_medium=`);
    expect(utm).toEqual({ source: 's'.repeat(200) });
  });

  it('returns {} for a URL without UTM parameters or an unparsable one', () => {
    expect(readUtm('https://shop.test/')).toEqual({});
    expect(readUtm('::')).toEqual({});
  });
});

describe('campaignKey', () => {
  it('is empty without a campaign', () => {
    expect(campaignKey('https://shop.test/product/1?color=red')).toBe('');
    expect(campaignKey('::')).toBe('');
  });

  it('changes with the campaign or the click id', () => {
    const keys = [
      'https://shop.test/?utm_campaign=spring',
      'https://shop.test/?utm_campaign=summer',
      'https://shop.test/?gclid=abc',
      'https://shop.test/?gclid=def',
      'https://shop.test/?fbclid=abc',
    ].map(campaignKey);
    expect(keys.every((k) => k !== '')).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('ignores other parameters', () => {
    expect(campaignKey('https://shop.test/a?utm_campaign=spring&page=2')).toBe(
      campaignKey('https://shop.test/b?utm_campaign=spring'),
    );
  });
});

describe('stripParams in the fragment', () => {
  it('strips listed keys from a #key=value fragment, as OAuth implicit flows use', () => {
    expect(stripParams('https://s.test/cb#access_token=abc&state=1', ['access_token'])).toBe(
      'https://s.test/cb#state=1',
    );
    expect(stripParams('https://s.test/cb#/?token=x', ['token'])).toBe('https://s.test/cb');
  });
  it('leaves a plain anchor alone', () => {
    expect(stripParams('https://s.test/p#reviews', ['token'])).toBe('https://s.test/p#reviews');
  });
});
