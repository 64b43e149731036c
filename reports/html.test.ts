import { describe, expect, it } from 'vitest';
import { esc, page, raw, scriptJson, table } from './html.ts';

describe('html helpers', () => {
  it('escapes the five characters everywhere', () => {
    expect(esc(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(esc(null)).toBe('');
  });

  it('makes JSON that cannot close a script element', () => {
    const s = scriptJson({ t: '</script><script>alert(1)</script>\u2028' });
    expect(s).not.toContain('<');
    expect(s).not.toContain('\u2028');
    expect(JSON.parse(s)).toEqual({ t: '</script><script>alert(1)</script>\u2028' });
  });

  it('builds tables with escaped cells, raw markup only when asked, sort keys and column data', () => {
    const t = table(['a', raw('<i>b</i>')], [['<x>', raw('<b>1</b>', 7)]], { id: 't', sortable: true, colData: (i) => (i === 1 ? { suite: 's"' } : undefined), rowData: () => ({ k: 'v' }) });
    expect(t).toContain('<table id="t" class="sortable">');
    expect(t).toContain('<th data-suite="s&quot;"><i>b</i></th>');
    expect(t).toContain('<tr data-k="v"><td>&lt;x&gt;</td><td data-sort="7" data-suite="s&quot;"><b>1</b></td></tr>');
  });

  it('wraps pages with inline style and script only, and a policy that forbids fetching anything', () => {
    const p = page('T<', '<p>x</p>');
    expect(p).toContain('<title>T&lt;</title>');
    expect(p).toContain("default-src 'none'");
    expect(p).not.toMatch(/(src|href)="https?:/);
  });
});
