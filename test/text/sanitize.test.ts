/** The one cleaner of remote text: what each output keeps, and what never gets through. */
import { cleanStrings, escapeControlsInJson, escapeHtml, limitText, markControls, multiLine, singleLine, withoutControls } from "../../src/text/sanitize";

// Every character class a remote server could use against a reader: ESC sequences, BEL,
// a one-character CSI (U+009B), NEL, the bidi overrides and isolates (CVE-2021-42574).
const HOSTILE = "a\u0000b\u0007c\u001b[31md\u009b2Je\u0085f\u202eg\u202ah\u2066i\u2069j\u007fk";
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

test("singleLine: controls and line breaks become single spaces, nothing unsafe is left", () => {
  expect(singleLine(HOSTILE)).not.toMatch(UNSAFE);
  expect(singleLine("550 5.1.1\r\n\tuser\u2028unknown")).toBe("550 5.1.1 user unknown");
  expect(singleLine(null)).toBe("");
});

test("singleLine and multiLine cut long text with an ellipsis, never inside a surrogate pair", () => {
  expect(singleLine("x".repeat(5000), 100)).toHaveLength(100);
  expect(limitText(`${"x".repeat(98)}😀yy`, 100)).toBe(`${"x".repeat(98)}…`);
  expect(multiLine("one\r\ntwo\rthree\u001b[0m")).toBe("one\ntwo\nthree[0m");
});

test("withoutControls keeps tab and newline and drops the rest", () => {
  expect(withoutControls("a\tb\nc\u001bd\u202ee")).toBe("a\tb\ncde");
  expect(withoutControls(HOSTILE)).not.toMatch(UNSAFE);
});

test("markControls keeps the text's shape: one '?' per control or line break", () => {
  expect(markControls("v=spf1 \u001b[31mred\t-all\n")).toBe("v=spf1 ?[31mred?-all?");
  expect(markControls(HOSTILE)).toHaveLength(HOSTILE.length);
  expect(markControls(HOSTILE)).not.toMatch(UNSAFE);
});

test("escapeControlsInJson: the same value, with nothing a terminal acts on", () => {
  const value = { diagnostic: HOSTILE, lines: ["x\u2028y", "\u0090"], plain: "ok" };
  const json = escapeControlsInJson(JSON.stringify(value, null, 2));
  expect(json).not.toMatch(UNSAFE);
  expect(json).not.toMatch(/[\u2028\u2029]/);
  expect(json).toContain("\\u202e");
  expect(JSON.parse(json)).toEqual(value);
});

test("escapeHtml makes markup inert", () => {
  expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe("&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;");
});

test("cleanStrings: every string and key of a parsed value loses its controls, nothing else changes", () => {
  const value = { a: "x\u001b[2Jy", "k\u202e": [1, null, true, "tab\tand\nnewline\u0085"], nested: { deeper: ["\u2066z"] } };
  expect(cleanStrings(value)).toEqual({ a: "x[2Jy", k: [1, null, true, "tab\tand\nnewline"], nested: { deeper: ["z"] } });
});

test("cleanStrings refuses a value nested deeper than it walks", () => {
  let deep: unknown = "leaf";
  for (let i = 0; i < 100; i++) deep = [deep];
  expect(() => cleanStrings(deep)).toThrow(RangeError);
});
