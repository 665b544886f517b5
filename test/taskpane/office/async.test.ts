import { officeCall, OfficeCallError } from "../../../src/taskpane/office/async";

describe("officeCall", () => {
  test("resolves with the value of a succeeded AsyncResult", async () => {
    await expect(officeCall<string>("x", (cb) => setTimeout(() => cb({ status: "succeeded", value: "v" }), 1))).resolves.toBe("v");
  });

  test("rejects with the call's name and Outlook's numeric code, keeping the (localized) name for display only", async () => {
    const call = officeCall("item.body.getAsync", (cb) =>
      setTimeout(() => cb({ status: "failed", value: undefined, error: { name: "Une erreur interne s'est produite", message: "Une erreur interne s’est produite.", code: 5001 } }), 1),
    );
    await expect(call).rejects.toMatchObject({
      name: "OfficeCallError",
      call: "item.body.getAsync",
      failure: "failed",
      code: 5001,
      officeName: "Une erreur interne s'est produite",
      message: "item.body.getAsync failed: Une erreur interne s’est produite. (5001)",
    });
  });

  test("an error with an empty message (9017 AccessRestricted) is named by its name", async () => {
    const call = officeCall("item.getAsFileAsync", (cb) => cb({ status: "failed", value: undefined, error: { name: "AccessRestricted", message: "", code: 9017 } }));
    await expect(call).rejects.toMatchObject({ code: 9017, message: "item.getAsFileAsync failed: AccessRestricted (9017)" });
  });

  test("rejects when the API throws synchronously", async () => {
    await expect(officeCall("y", () => { throw new Error("boom"); })).rejects.toMatchObject({ failure: "threw", code: null, message: "y failed: boom" });
  });

  test("times out when Outlook never calls back, and ignores a late answer", async () => {
    let late: ((r: { status: "succeeded"; value: number }) => void) | undefined;
    const call = officeCall<number>("z", (cb) => (late = cb), 20);
    await expect(call).rejects.toBeInstanceOf(OfficeCallError);
    await expect(call).rejects.toMatchObject({ failure: "timeout", code: null });
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
