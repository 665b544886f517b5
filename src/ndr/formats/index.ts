/**
 * The format families, in the order they are asked. A family that recognises a
 * message by its own markers comes before the generic readers at the end.
 * Adding a family: one file in this folder and one line here.
 */
import type { FormatModule } from "./format";
import { rfc3464 } from "./rfc3464";

export const FORMATS: readonly FormatModule[] = [
  // Generic readers last.
  rfc3464,
];
