import { RecentMap } from "../../src/spf/recent";

describe("RecentMap", () => {
  it("never holds more than its capacity", () => {
    const map = new RecentMap<number, number>(10);
    for (let i = 0; i < 1000; i++) {
      map.set(i, i);
      expect(map.size).toBeLessThanOrEqual(10);
    }
    expect(map.get(999)).toBe(999);
    expect(map.get(0)).toBeUndefined();
  });

  it("keeps an entry that is read while others come and go, and drops one that is not", () => {
    const map = new RecentMap<string, number>(4);
    map.set("read", 1);
    map.set("unread", 2);
    for (let i = 0; i < 20; i++) {
      expect(map.get("read")).toBe(1);
      map.set(`filler ${i}`, i);
    }
    expect(map.get("read")).toBe(1);
    expect(map.get("unread")).toBeUndefined();
  });

  it("holds null values and replaces the value of a key set again", () => {
    const map = new RecentMap<string, number | null>(4);
    map.set("none", null);
    expect(map.get("none")).toBeNull();
    map.set("a", 1);
    map.set("a", 2);
    expect(map.get("a")).toBe(2);
    expect(map.get("missing")).toBeUndefined();
  });
});
