import { officeCall, OfficeCallError } from "../../../src/taskpane/office/async";

describe("officeCall", () => {
  test("resolves with the value of a succeeded AsyncResult", async () => {
    await expect(officeCall<string>("x", (cb) => setTimeout(() => cb({ status: "succeeded", value: "v" }), 1))).resolves.toBe("v");
  });

  test("rejects with the call's name and Outlook's error", async () => {
    const call = officeCall("item.body.getAsync", (cb) =>
      setTimeout(() => cb({ status: "failed", value: undefined, error: { name: "PermissionDenied", message: "no" } }), 1),
    );
    await expect(call).rejects.toMatchObject({ name: "OfficeCallError", call: "item.body.getAsync", code: "PermissionDenied", message: "item.body.getAsync failed: no" });
  });

  test("rejects when the API throws synchronously", async () => {
    await expect(officeCall("y", () => { throw new Error("boom"); })).rejects.toMatchObject({ code: "Exception", message: "y failed: boom" });
  });

  test("times out when Outlook never calls back, and ignores a late answer", async () => {
    let late: ((r: { status: "succeeded"; value: number }) => void) | undefined;
    const call = officeCall<number>("z", (cb) => (late = cb), 20);
    await expect(call).rejects.toBeInstanceOf(OfficeCallError);
    await expect(call).rejects.toMatchObject({ code: "Timeout" });
    expect(() => late!({ status: "succeeded", value: 1 })).not.toThrow();
  });

  test("settles once when a client calls back twice", async () => {
    const call = officeCall<number>("w", (cb) => {
      cb({ status: "succeeded", value: 1 });
      cb({ status: "failed", value: 2, error: { name: "X" } });
    });
    await expect(call).resolves.toBe(1);
  });
});
