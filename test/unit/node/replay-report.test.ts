// @vitest-environment node
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { escapeHtml, REPORT_CSP, reportHtml } from '../../../src/node/replay/report-html.js';
import type { ReplayResult } from '../../../src/node/replay/step-result.js';

const HOSTILE = `<script>alert(1)</script><img src=x onerror=alert(2)>"'\``;

function result(): ReplayResult {
  return {
    sid: HOSTILE,
    baseUrl: 'http://127.0.0.1:3000',
    startedAt: 1_763_830_000_000,
    viewport: { w: 1024, h: 700 },
    passed: 1,
    diverged: 1,
    skipped: 0,
    steps: [
      {
        n: 1,
        kind: 'visit',
        action: 'visit /',
        status: 'passed',
        detail: 'opened',
        url: 'http://127.0.0.1:3000/',
        screenshot: 'step-001.jpg',
        console: [],
        errors: [],
      },
      {
        n: 2,
        kind: 'click',
        action: `click <button> “${HOSTILE}”`,
        status: 'diverged',
        reason: 'missing',
        detail: HOSTILE,
        url: HOSTILE,
        screenshot: 'step-002.jpg',
        console: [HOSTILE],
        errors: [HOSTILE],
      },
    ],
  };
}

describe('replay report', () => {
  it('escapes every character that could open markup or an attribute', () => {
    expect(escapeHtml(HOSTILE)).not.toMatch(/[<>"'`]/);
    expect(escapeHtml('a & b')).toBe('a &amp; b');
  });

  it('shows session text as text: no script element, no event handler attribute', () => {
    const html = reportHtml(result());
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img src=x/);
    expect(html).not.toMatch(/<[^>]*\sonerror=/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('allows no script under its CSP, and only its own hashed style', () => {
    const html = reportHtml(result());
    expect(REPORT_CSP).toMatch(/^default-src 'none';/);
    expect(REPORT_CSP).not.toMatch(/script-src|unsafe/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const hash = createHash('sha256').update(style).digest('base64');
    expect(REPORT_CSP).toContain(`style-src 'sha256-${hash}'`);
    expect(html).toContain(`content="${escapeHtml(REPORT_CSP)}"`);
  });

  it('lists the steps in order, the divergence highlighted with its kind, and each screenshot', () => {
    const html = reportHtml(result());
    expect(html.indexOf('id="step-1"')).toBeLessThan(html.indexOf('id="step-2"'));
    expect(html).toContain('<section class="step diverged" id="step-2">');
    expect(html).toContain('<p class="why">element missing</p>');
    expect(html).toContain('src="step-002.jpg"');
    expect(html).toContain('<span>1 diverged</span>');
  });
});
