/**
 * The pane's security measures, checked on its sources: cell text is only ever text (no HTML
 * sinks, no eval), and taskpane.html's Content-Security-Policy blocks inline and foreign scripts.
 * The browser tests check the same in Chromium (a hostile cell, CSP violations, the network).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const PANE = join(__dirname, '..', '..', 'src', 'taskpane');
const sources = readdirSync(PANE).filter((name) => name.endsWith('.ts')).map((name) => [name, readFileSync(join(PANE, name), 'utf8')] as const);
const html = readFileSync(join(PANE, 'taskpane.html'), 'utf8');

function csp(): Map<string, string[]> {
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
  if (!meta) throw new Error('taskpane.html has no Content-Security-Policy meta');
  // The template's development-only addition is not part of the production policy.
  const policy = meta[1].replace(/<%[\s\S]*?%>/g, '');
  return new Map(policy.split(';').map((part) => part.trim().split(/\s+/)).filter((words) => words[0]).map(([name, ...values]) => [name, values]));
}

describe('cell text is rendered as text', () => {
  test.each([
    ['innerHTML', /\.innerHTML\b/],
    ['outerHTML', /\.outerHTML\b/],
    ['insertAdjacentHTML', /insertAdjacentHTML/],
    ['document.write', /document\.write/],
    ['createContextualFragment', /createContextualFragment/],
    ['DOMParser', /DOMParser/],
    ['eval', /\beval\s*\(/],
    ['new Function', /new\s+Function\s*\(/],
    ['string timers', /set(Timeout|Interval)\(\s*['"`]/],
    ['inline event attributes', /setAttribute\(\s*['"]on/],
  ])('no pane source uses %s', (_, pattern) => {
    expect(sources.filter(([, code]) => pattern.test(code)).map(([name]) => name)).toEqual([]);
  });
});

describe('the Content-Security-Policy of taskpane.html', () => {
  const policy = csp();

  test('comes before every script, so it governs office.js too', () => {
    expect(html.search(/http-equiv="Content-Security-Policy"/i)).toBeLessThan(html.search(/<script/i));
  });

  test('allows scripts only from this origin and the office.js CDN: no inline script, no eval', () => {
    expect(policy.get('script-src')).toEqual(["'self'", 'https://appsforoffice.microsoft.com', 'https://ajax.aspnetcdn.com']);
    expect(policy.get('default-src')).toEqual(["'none'"]);
  });

  test('allows no plugins, no <base>, no form posts', () => {
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
  });

  test('connects only to this origin and the office.js CDN', () => {
    expect(policy.get('connect-src')).toEqual(["'self'", 'https://appsforoffice.microsoft.com']);
  });

  test('the page itself has no inline script: every <script> has a src', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body.trim()).toBe('');
    }
  });
});
