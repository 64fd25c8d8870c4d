import { describe, expect, it } from 'vitest';
import { resolveFrustration } from '../../../../src/core/frustration-config.js';
import { classifyClick, SETTLE_MS } from '../../../../src/capture/frustration/classify-click.js';

const C = resolveFrustration(true)!;
const T0 = 10_000;
const judge = (reactions: number[], requests: { _start: number; _end?: number }[], at: number) =>
  classifyClick(
    {
      _t0: T0,
      _reactions: reactions.map((r) => T0 + r),
      _requests: requests.map((q) => ({
        _start: T0 + q._start,
        ...(q._end === undefined ? {} : { _end: T0 + q._end }),
      })),
    },
    C,
    T0 + at,
  );

describe('classifyClick', () => {
  it('is fine when the page answers within slowMs', () => {
    expect(judge([40], [], 2_500)).toEqual({ _ok: true, _latency: 40 });
  });

  it('decides as soon as a reaction is seen, and waits for deadMs when none is', () => {
    expect(judge([1_500], [], 1_600)).toMatchObject({ _kind: 'slow_click', _latency: 1_500 });
    expect(judge([], [], 1_000)).toEqual({ _wait: T0 + 2_500 });
  });

  it('calls a click with no reaction by deadMs and no request dead', () => {
    expect(judge([], [], 2_500)).toEqual({ _kind: 'dead_click', _waited: 2_500, _pending: false });
    // A reaction after deadMs is too late to save it.
    expect(judge([3_000], [], 3_100)).toMatchObject({ _kind: 'dead_click' });
  });

  it('waits for a request in flight and calls the click slow once the answer shows (N07, N08)', () => {
    expect(judge([5], [{ _start: 10 }], 2_500)).toEqual({ _wait: T0 + 3_000 });
    const v = judge([5, 2_610], [{ _start: 10, _end: 2_600 }], 2_700);
    expect(v).toEqual({
      _kind: 'slow_click',
      _latency: 2_610,
      _pendingAtDead: true,
      _loading: true,
    });
    const bare = judge([2_610], [{ _start: 10, _end: 2_600 }], 2_700);
    expect(bare).toMatchObject({ _kind: 'slow_click', _loading: false });
  });

  it('is fine when a quick request is answered quickly', () => {
    expect(judge([320], [{ _start: 5, _end: 300 }], 400)).toEqual({ _ok: true, _latency: 320 });
  });

  it('calls a request answered with no change on the page dead once the settle time passed', () => {
    expect(judge([], [{ _start: 5, _end: 300 }], 1_000)).toEqual({ _wait: T0 + 300 + SETTLE_MS });
    expect(judge([], [{ _start: 5, _end: 300 }], 2_500)).toMatchObject({
      _kind: 'dead_click',
      _pending: false,
    });
  });

  it('calls a request still pending at maxWait with no feedback dead, pending', () => {
    expect(judge([], [{ _start: 5 }], 7_000)).toMatchObject({
      _kind: 'dead_click',
      _pending: true,
    });
  });

  it('calls a request still pending at maxWait behind a spinner slow', () => {
    expect(judge([30], [{ _start: 5 }], 7_000)).toEqual({
      _kind: 'slow_click',
      _latency: 7_000,
      _pendingAtDead: true,
      _loading: true,
    });
  });
});
