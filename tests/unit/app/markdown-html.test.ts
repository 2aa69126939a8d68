import { describe, expect, it } from 'vitest';
import { markdownToHtml } from '../../../src/app/components/report/markdown-html';
import { renderMarkdown } from '../../../src/core/report/markdown';
import { fixtureReport } from '../report/helpers';

/** Tags in document order; throws when a closing tag does not match the open one. */
function balancedTags(html: string): string[] {
  const open: string[] = [];
  const seen: string[] = [];
  for (const [, close, name] of html.matchAll(/<(\/?)([a-z0-9]+)[^>]*>/g)) {
    if (!close) {
      open.push(name);
      seen.push(name);
    } else if (open.pop() !== name) throw new Error(`</${name}> closes the wrong element in ${html}`);
  }
  if (open.length) throw new Error(`unclosed ${open.join(', ')}`);
  return seen;
}

const count = (tags: string[], name: string) => tags.filter((t) => t === name).length;

describe('markdownToHtml', () => {
  it('renders headings, paragraphs, bold and code', () => {
    expect(markdownToHtml('# Title\n\n## Part\n\nSome **bold** and `code`,\nsecond line.\n')).toBe(
      '<h1>Title</h1>\n<h2>Part</h2>\n<p>Some <strong>bold</strong> and <code>code</code>,\nsecond line.</p>',
    );
  });

  it('keeps code spans literal and escapes markup everywhere', () => {
    expect(markdownToHtml('a `**x** <b>` **<i>"\'&**')).toBe('<p>a <code>**x** &lt;b&gt;</code> <strong>&lt;i&gt;&quot;&#39;&amp;</strong></p>');
    expect(markdownToHtml('# <script>alert(1)</script>')).toBe('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>');
  });

  it('renders a table with escaped pipes and empty cells', () => {
    expect(markdownToHtml('| A | B |\n| --- | --- |\n| x \\| y | **1** |\n| (idle) |  |')).toBe(
      '<table>\n<thead><tr><th>A</th><th>B</th></tr></thead>\n<tbody>\n' +
        '<tr><td>x | y</td><td><strong>1</strong></td></tr>\n<tr><td>(idle)</td><td></td></tr>\n</tbody>\n</table>',
    );
  });

  it('treats a pipe line without a delimiter row as text', () => {
    expect(markdownToHtml('| not a table')).toBe('<p>| not a table</p>');
  });

  it('nests indented list items and closes every level', () => {
    expect(markdownToHtml('- a\n  - a1\n  - a2\n- b\n    - too deep\n\ntext')).toBe(
      '<ul><li>a<ul><li>a1</li><li>a2</li></ul></li><li>b<ul><li>too deep</li></ul></li></ul>\n<p>text</p>',
    );
  });

  it('renders the whole report: every section, table row and list item, balanced', () => {
    const r = fixtureReport();
    r.dataset.name = '<img src=x onerror=alert(1)>';
    const md = renderMarkdown(r);
    const html = markdownToHtml(md);
    const tags = balancedTags(html);
    const lines = md.split('\n');
    expect(count(tags, 'h2')).toBe(lines.filter((l) => l.startsWith('## ')).length);
    expect(count(tags, 'tr')).toBe(lines.filter((l) => l.startsWith('|') && !/^\| ---/.test(l)).length);
    expect(count(tags, 'li')).toBe(lines.filter((l) => /^ *- /.test(l)).length);
    expect(count(tags, 'table')).toBe(lines.filter((l) => /^\| ---/.test(l)).length);
    expect(html).not.toContain('<img');
    expect(html).toContain('<h1>detscope report: &lt;img src=x onerror=alert(1)&gt;</h1>');
    expect(html).not.toMatch(/\*\*|`/);
  });
});
