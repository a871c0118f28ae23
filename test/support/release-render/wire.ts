/**
 * TEST-ONLY: a newswire copy of the (synthetic) rendered release, as an analyst pastes it from a wire service:
 * the dateline "BEIJING, Aug. 20, 2024 (GLOBE NEWSWIRE) --", curly quotes, "Non–GAAP" with an en dash, footnote
 * markers as "[1]", a space after a decimal point ("3. 1%"), paragraphs hard-wrapped at 76 columns; tables come as
 * a browser copies them (tab-separated). Synthetic test data: never in assets/ or the add-in.
 */

/** The HTML with its footnote markers printed as "[n]", the wire's way. */
export function wireHtml(html: string): string {
  return html.replace(/<sup>(\d+)<\/sup>/g, '[$1]');
}

function wrap(paragraph: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of paragraph.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') out.push(line);
  return out;
}

/** The wire copy, from the browser text of wireHtml(html). */
export function wireCopy(innerText: string): string {
  let splitPercent = false;
  const out: string[] = [];
  for (const line of innerText.split('\n')) {
    if (line.includes('\t') || line.trim() === '') {
      out.push(line);
      continue;
    }
    let p = line
      .replace(/^BEIJING, ([A-Z][a-z]{2})[a-z]* (\d{1,2}), (\d{4}) — /, (_, m: string, d: string, y: string) => `BEIJING, ${m === 'May' ? m : m + '.'} ${d}, ${y} (GLOBE NEWSWIRE) -- `)
      .replace(/"([^"]*)"/g, '\u201C$1\u201D')
      .replace(/'/g, '\u2019')
      .replace(/Non-GAAP/g, 'Non\u2013GAAP');
    if (!splitPercent && /\b\d+\.\d%/.test(p)) {
      p = p.replace(/\b(\d+)\.(\d%)/, '$1. $2');
      splitPercent = true;
    }
    out.push(...wrap(p, 76));
  }
  return out.join('\n');
}
