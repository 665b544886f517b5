import { budgetedResolver, OverBudgetError } from "../../src/backend/check-budget";
import { FairSlots } from "../../src/backend/fair-slots";
import type { ContextResolver, LookupContext } from "../../src/dns/resolver";

/** Work that finishes when told to. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("fair DNS slots", () => {
  test("one client holds at most its share; another client starts at once", async () => {
    const slots = new FairSlots(4, 2);
    const running: string[] = [];
    const hold = gate();
    const use = (client: string, name: string) => slots.use(client, async () => (running.push(name), hold.opened));
    const burst = ["a1", "a2", "a3", "a4"].map((name) => use("a", name));
    await Promise.resolve();
    expect(running).toEqual(["a1", "a2"]);
    expect(slots.waiting).toBe(2);
    const other = use("b", "b1");
    await Promise.resolve();
    expect(running).toEqual(["a1", "a2", "b1"]);
    hold.open();
    await Promise.all([...burst, other]);
    expect(running).toEqual(["a1", "a2", "b1", "a3", "a4"]);
    expect(slots.waiting).toBe(0);
  });

  test("clients waiting for a full set of slots are served in turn", async () => {
    const slots = new FairSlots(1, 1);
    const order: string[] = [];
    const hold = gate();
    const first = slots.use("a", () => hold.opened);
    const queued = ["a1", "a2", "b1", "b2", "c1"].map((name) => slots.use(name[0], async () => void order.push(name)));
    hold.open();
    await Promise.all([first, ...queued]);
    expect(order).toEqual(["a1", "b1", "c1", "a2", "b2"]);
  });

  test("work whose signal aborts while it waits leaves the queue", async () => {
    const slots = new FairSlots(1, 1);
    const hold = gate();
    const first = slots.use("a", () => hold.opened);
    const controller = new AbortController();
    let ran = false;
    const waiting = slots.use("a", async () => void (ran = true), controller.signal);
    controller.abort();
    await expect(waiting).rejects.toThrow("the check was cancelled");
    expect(slots.waiting).toBe(0);
    hold.open();
    await first;
    expect(ran).toBe(false);
  });
});

describe("check budget", () => {
  const seen: LookupContext[] = [];
  const dns: ContextResolver = {
    lookup: async (name, _type, context) => {
      seen.push(context ?? {});
      return { status: "ok", records: [[`v=spf1 ${"x".repeat(100)} ${name}`]] } as never;
    },
  };

  test("stops a check past its lookups, cancelling the rest", async () => {
    const budget = budgetedResolver(dns, { maxQuestions: 3, maxAnswerBytes: 1e6 }, "192.0.2.1");
    for (let i = 0; i < 3; i++) expect(await budget.resolver.lookup(`n${i}.example`, "TXT")).toMatchObject({ status: "ok" });
    expect(seen.at(-1)).toMatchObject({ client: "192.0.2.1" });
    expect(seen.at(-1)?.signal?.aborted).toBe(false);
    expect(await budget.resolver.lookup("n3.example", "TXT")).toEqual({ status: "error", message: "the check was cancelled" });
    await expect(budget.exceeded).rejects.toEqual(new OverBudgetError("the check needed more than 3 DNS lookups"));
    expect(seen.at(-1)?.signal?.aborted).toBe(true);
  });

  test("stops a check past its answer bytes", async () => {
    const budget = budgetedResolver(dns, { maxQuestions: 100, maxAnswerBytes: 200 }, "192.0.2.1");
    await budget.resolver.lookup("a.example", "TXT");
    await budget.resolver.lookup("b.example", "TXT");
    await expect(budget.exceeded).rejects.toThrow("more than 200 bytes of DNS answers");
  });

  test("follows the request's signal", async () => {
    const request = new AbortController();
    const budget = budgetedResolver(dns, { maxQuestions: 100, maxAnswerBytes: 1e6 }, "192.0.2.1", request.signal);
    request.abort();
    expect(await budget.resolver.lookup("a.example", "TXT")).toEqual({ status: "error", message: "the check was cancelled" });
  });
});
