// One deadline and one rule for which failures are reported as { error }: src/spf/check-failure.ts.
export { settle } from "../spf/check-failure";
