/**
 * HTML for the Markdown that core/report/markdown.ts writes: headings, pipe tables, nested
 * "- " lists, paragraphs, **bold** and `code`. Everything else is text, escaped, so a
 * report loaded from a file cannot inject markup into the page.
 */
export function markdownToHtml(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const heading = /^(#{1,6}) (.*)$/.exec(line);
    if (line.trim() === '') {
      i++;
    } else if (heading) {
      const level = heading[1].length;
      out.push(`<h${level}>${inline(heading[2])}</h${level}>`);
      i++;
    } else if (isTableRow(line) && isDelimiterRow(lines[i + 1] ?? '')) {
      const end = runEnd(lines, i + 2, isTableRow);
      out.push(tableHtml(lines[i], lines.slice(i + 2, end)));
      i = end;
    } else if (listItem(line)) {
      const end = runEnd(lines, i, (l) => listItem(l) !== null);
      out.push(listHtml(lines.slice(i, end).map((l) => listItem(l)!)));
      i = end;
    } else {
      // The first line always belongs, so a stray "|" line cannot stall the loop.
      const end = runEnd(lines, i + 1, (l) => l.trim() !== '' && !/^#{1,6} /.test(l) && !isTableRow(l) && !listItem(l));
      out.push(`<p>${lines.slice(i, end).map(inline).join('\n')}</p>`);
      i = end;
    }
  }
  return out.join('\n');
}

const runEnd = (lines: string[], from: number, belongs: (line: string) => boolean) => {
  let end = from;
  while (end < lines.length && belongs(lines[end])) end++;
  return end;
};

const isTableRow = (line: string) => line.startsWith('|');
const isDelimiterRow = (line: string) => /^\|(\s*:?-+:?\s*\|)+\s*$/.test(line);

/** Cells of `| a | b \| c |`: split on pipes that are not escaped. */
function cells(row: string): string[] {
  const body = row.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return body.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

function tableHtml(head: string, rows: string[]): string {
  const tr = (tag: 'th' | 'td', row: string) => `<tr>${cells(row).map((c) => `<${tag}>${inline(c)}</${tag}>`).join('')}</tr>`;
  return `<table>\n<thead>${tr('th', head)}</thead>\n<tbody>\n${rows.map((r) => tr('td', r)).join('\n')}\n</tbody>\n</table>`;
}

interface Item {
  depth: number;
  text: string;
}

function listItem(line: string): Item | null {
  const m = /^( *)- (.*)$/.exec(line);
  return m ? { depth: Math.floor(m[1].length / 2), text: m[2] } : null;
}

/** Items indented deeper than their predecessor nest inside it. */
function listHtml(items: Item[]): string {
  let html = '';
  let depth = -1;
  for (const item of items) {
    const target = Math.min(item.depth, depth + 1);
    if (target > depth) html += '<ul>'.repeat(target - depth);
    else html += '</li>' + '</ul></li>'.repeat(depth - target);
    html += `<li>${inline(item.text)}`;
    depth = target;
  }
  return html + '</li></ul>'.repeat(depth + 1);
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => escapes[c]);

/** Code spans first (their content stays literal), then bold in the text between them. */
function inline(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, k) => (k % 2 === 1 ? `<code>${escape(part.slice(1, -1))}</code>` : escape(part).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')))
    .join('');
}
