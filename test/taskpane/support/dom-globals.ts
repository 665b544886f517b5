/**
 * What jsdom lacks and the pane uses: TextEncoder/TextDecoder (the parser) and
 * ResizeObserver (Fluent UI's MessageBar). Import first, before the code under test.
 */
import { TextDecoder, TextEncoder } from "node:util";

const globals = globalThis as Record<string, unknown>;
globals.TextEncoder ??= TextEncoder;
globals.TextDecoder ??= TextDecoder;
globals.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};
