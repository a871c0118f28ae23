'use strict';
/**
 * README.md as help.html, built with the add-in: the custom functions' help links (`@helpurl`) and the manifest's
 * SupportUrl open it at the right section (GitHub-style heading anchors: "### KC.METRIC" -> #kcmetric).
 * Covers the Markdown the README uses: headings, paragraphs, lists, tables, fenced code, inline code, bold, links.
 * Everything is escaped first; the page has no script and a strict Content-Security-Policy.
 */
const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function slug(text) {
  return text
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[^\w\- ]/g, '')
    .trim()
    .replace(/ /g, '-');
}

function inline(text) {
  return escape(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, t, href) => `<a href="${href.replace(/"/g, '&quot;')}">${t}</a>`)
    .replace(/&lt;(https?:\/\/[^&\s]+)&gt;/g, '<a href="$1">$1</a>');
}

function toHtml(md) {
  const lines = md.split(/\r?\n/);
  const out = [];
  for (let i = 0; i < lines.length; ) {
    const line = lines[i];
    if (line.startsWith('```')) {
      const code = [];
      for (i++; i < lines.length && !lines[i].startsWith('```'); i++) code.push(lines[i]);
      i++;
      out.push(`<pre><code>${escape(code.join('\n'))}</code></pre>`);
    } else if (/^#{1,6} /.test(line)) {
      const level = line.indexOf(' ');
      const text = line.slice(level + 1);
      out.push(`<h${level} id="${slug(text)}">${inline(text)}</h${level}>`);
      i++;
    } else if (line.startsWith('|')) {
      const rows = [];
      for (; i < lines.length && lines[i].startsWith('|'); i++) rows.push(lines[i]);
      const cells = (r) => r.slice(1, r.endsWith('|') ? -1 : undefined).split(' | ').map((c) => c.trim());
      const body = rows.slice(2).map((r) => `<tr>${cells(r).map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`);
      out.push(`<table><thead><tr>${cells(rows[0]).map((c) => `<th>${inline(c)}</th>`).join('')}</tr></thead><tbody>${body.join('')}</tbody></table>`);
    } else if (/^\s*(- |\d+\. )/.test(line)) {
      const ordered = /^\s*\d+\. /.test(line);
      const items = [];
      for (; i < lines.length && /^\s*(- |\d+\. |  )/.test(lines[i]) && lines[i].trim() !== ''; i++) {
        if (/^\s{2,}- /.test(lines[i])) items[items.length - 1].children.push(lines[i].trim().slice(2));
        else if (/^\s*(- |\d+\. )/.test(lines[i])) items.push({ text: lines[i].replace(/^\s*(- |\d+\. )/, ''), children: [] });
        else if (items[items.length - 1].children.length > 0) items[items.length - 1].children.push(items[items.length - 1].children.pop() + ' ' + lines[i].trim());
        else items[items.length - 1].text += ' ' + lines[i].trim();
      }
      const tag = ordered ? 'ol' : 'ul';
      const li = (it) => `<li>${inline(it.text)}${it.children.length ? `<ul>${it.children.map((c) => `<li>${inline(c)}</li>`).join('')}</ul>` : ''}</li>`;
      out.push(`<${tag}>${items.map(li).join('')}</${tag}>`);
    } else if (line.trim() === '' || line.startsWith('<!--')) {
      i++;
    } else {
      const para = [];
      for (; i < lines.length && lines[i].trim() !== '' && !/^(#|```|\||\s*- |\s*\d+\. |<!--)/.test(lines[i]); i++) para.push(lines[i]);
      out.push(`<p>${inline(para.join(' '))}</p>`);
    }
  }
  return out.join('\n');
}

function helpPage(md) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'self'">
<title>KC Model — help</title>
<style>body{font-family:"Segoe UI",-apple-system,Roboto,"Helvetica Neue",sans-serif;max-width:980px;margin:24px auto;padding:0 20px;color:#242424;line-height:1.5}
code,pre{font-family:Consolas,"Courier New",monospace;background:#f5f5f5}pre{padding:8px;overflow:auto}code{padding:0 3px}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #d1d1d1;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f0f0f0}
h1,h2,h3{line-height:1.25}h2{border-bottom:1px solid #e0e0e0;padding-bottom:4px;margin-top:32px}:target{background:#fff4ce}</style>
</head><body>
${toHtml(md)}
</body></html>
`;
}

module.exports = { helpPage, toHtml, slug };
