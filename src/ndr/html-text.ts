/**
 * Turns a bounce's HTML body into plain text for the parsers. The result is only
 * ever read as text; nothing here is rendered. Linear in the input: every pattern
 * is a bounded scan with no nested quantifiers.
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

export function htmlToText(html: string): string {
  // Drop what is never text: comments, scripts, styles, head metadata.
  const withoutHidden = html
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<(script|style|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, " ");
  const text = withoutHidden.replace(/<\/?([a-z][a-z0-9]{0,15})\b[^>]*>/gi, (_tag, name: string) =>
    BLOCK_TAGS.test(name) ? "\n" : name.toLowerCase() === "td" ? " " : "",
  );
  return decodeEntities(text)
    .replace(/[ \t\u00a0]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
