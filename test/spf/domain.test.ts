import { isCheckableDomain, isQueryableName } from "../../src/spf/domain";

describe("isQueryableName", () => {
  const label63 = "x".repeat(63);
  const name253 = `${label63}.${label63}.${label63}.${"d".repeat(61)}`;
  it.each(["a", "a.", "example.com", "example.com.", label63, `${label63}.`, `a.${label63}`, name253, `${name253}.`, "%{d} odd.name"])("accepts %p", (name) =>
    expect(isQueryableName(name)).toBe(true),
  );
  it.each(["", ".", "..", "a..", ".a", "a..b", "example.com..", "x".repeat(64), `a.${"x".repeat(64)}.`, `${name253}a`, `${name253}..`])("refuses %p", (name) =>
    expect(isQueryableName(name)).toBe(false),
  );
});

describe("isCheckableDomain", () => {
  it.each([
    ["example.com", true],
    ["example.com.", true],
    ["localhost", false],
    ["[192.0.2.1]", false],
    ["a..example.com", false],
  ] as const)("%p is %p", (domain, expected) => expect(isCheckableDomain(domain)).toBe(expected));
});
