import { afterEach, describe, expect, it } from 'vitest';
import { controlled } from '../../../../src/capture/frustration/scope.js';

afterEach(() => void (document.body.innerHTML = ''));

describe('controlled', () => {
  it('finds what a control names, in attribute order, lists split, href only as #id', () => {
    document.body.innerHTML = `
      <button id="b" aria-controls="p1  p2" aria-owns="" popovertarget="pop" commandfor="missing" for="f">b</button>
      <a id="a" href="#p2">a</a><a id="x" href="/p1">x</a>
      <div id="p1"></div><div id="p2"></div><div id="pop"></div><input id="f">`;
    const ids = (id: string) => controlled(document.getElementById(id)!).map((e) => e.id);
    expect(ids('b')).toEqual(['p1', 'p2', 'pop', 'f']);
    expect(ids('a')).toEqual(['p2']);
    expect(ids('x')).toEqual([]);
    expect(ids('p1')).toEqual([]);
  });
});
