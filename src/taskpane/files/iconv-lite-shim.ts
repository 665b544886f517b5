/**
 * Browser stand-in for iconv-lite, which @kenjiuno/msgreader requires for .msg files in
 * ANSI code pages. The real package needs Node's Buffer, which browser bundles lack;
 * the browser's own TextDecoder knows the same code pages (windows-125x, big5, gbk, ...).
 * Bundlers alias "iconv-lite" to this file for the web build.
 */
export function decode(bytes: Uint8Array, encoding: string): string {
  return new TextDecoder(encoding).decode(bytes);
}

/** msgreader only encodes when writing files, which the add-in never does; UTF-8 is enough. */
export function encode(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
