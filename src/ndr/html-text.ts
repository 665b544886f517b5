/**
 * Turns a bounce's HTML body into plain text for the parsers. The result is only
 * ever read as text; nothing here is rendered. Linear in the input: tags are found
 * by a forward scan, and every pattern is bounded with no nested quantifiers.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", copy: "©", reg: "®",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, entity: string) => {
    if (entity[0] !== "#") return NAMED_ENTITIES[entity.toLowerCase()] ?? whole;
    const code = entity[1] === "x" || entity[1] === "X" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const BLOCK_TAGS = /^(?:br|p|div|tr|li|h[1-6]|table|blockquote|pre|hr|title)$/i;
const HIDDEN_ELEMENT = /<(script|style|head)\b/iy;
const TAG_NAME = /<\/?([a-z][a-z0-9]{0,15})\b/iy;

/** Comments go first, so a "-->" inside one cannot end a tag around it. Same scan as below. */
function dropComments(html: string): string {
  const out: string[] = [];
  let copied = 0;
  let at = html.indexOf("<!--");
  while (at >= 0) {
    const close = html.indexOf("-->", at + 4);
    if (close < 0) break; // no comment ends after this start, so none after any later start
    out.push(html.slice(copied, at), " ");
    copied = close + 3;
    at = html.indexOf("<!--", copied);
  }
  out.push(html.slice(copied));
  return out.join("");
}

/**
 * One left-to-right pass that drops what is never text (scripts, styles, head
 * metadata) and replaces tags by the white space they stand for. A hand-written scan
 * rather than a lazy pattern per construct: "<!--" or "<a" repeated a megabyte long with
 * no end in sight would make such a pattern rescan the rest of the input from every
 * start. Here each end marker is searched for once: when it is missing after one start
 * it is missing after every later one. An unclosed construct stays as text.
 */
function stripTags(html: string): string {
  const lower = html.toLowerCase();
  const missing = new Set<string>(); // end markers known to be absent from here on
  const find = (marker: string | RegExp, from: number): { start: number; end: number } | null => {
    const key = String(marker);
    if (missing.has(key)) return null;
    let found: { start: number; end: number } | null = null;
    if (typeof marker === "string") {
      const index = lower.indexOf(marker, from);
      if (index >= 0) found = { start: index, end: index + marker.length };
    } else {
      marker.lastIndex = from;
      const match = marker.exec(lower);
      if (match) found = { start: match.index, end: match.index + match[0].length };
    }
    if (!found) missing.add(key);
    return found;
  };

  const out: string[] = [];
  let copied = 0;
  let at = html.indexOf("<");
  while (at >= 0) {
    let end = -1;
    let replacement = " ";
    HIDDEN_ELEMENT.lastIndex = at;
    if (HIDDEN_ELEMENT.test(html)) {
      const name = lower.startsWith("<script", at) ? "script" : lower.startsWith("<style", at) ? "style" : "head";
      const open = find(">", at);
      end = open ? (find(CLOSING[name], open.end)?.end ?? -1) : -1;
    }
    if (end < 0) {
      TAG_NAME.lastIndex = at;
      const tag = TAG_NAME.exec(html);
      const close = tag ? find(">", at) : null;
      if (tag && close) {
        end = close.end;
        replacement = BLOCK_TAGS.test(tag[1]) ? "\n" : tag[1].toLowerCase() === "td" ? " " : "";
      }
    }
    if (end < 0) {
      at = html.indexOf("<", at + 1);
      continue;
    }
    out.push(html.slice(copied, at), replacement);
    copied = end;
    at = html.indexOf("<", end);
  }
  out.push(html.slice(copied));
  return out.join("");
}

const CLOSING: Record<string, RegExp> = { script: /<\/script\s*>/g, style: /<\/style\s*>/g, head: /<\/head\s*>/g };

export function htmlToText(html: string): string {
  return decodeEntities(stripTags(dropComments(html)))
    .replace(/[ \t\u00a0]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
