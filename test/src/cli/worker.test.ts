// `daspool worker` (issue 9): usage mistakes are one-line errors before anything connects.
// The running worker is exercised in test/src/bullmq with a real Redis.

import { describe, expect, it } from "vitest";
import { runCli } from "../../../src/cli/main.ts";

async function run(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const io = { out: () => {}, err: (t: string) => void (stderr += t), errIsTTY: false, signal: new AbortController().signal };
  return { code: await runCli(args, io), stderr };
}

describe("daspool worker usage", () => {
  it("needs --redis", async () => {
    expect(await run(["worker"])).toEqual({ code: 1, stderr: "daspool: worker: --redis URL is required, e.g. --redis redis://127.0.0.1:6379\n" });
  });

  it("checks --concurrency, --prefix-map and stray arguments", async () => {
    expect((await run(["worker", "--redis", "redis://x", "--concurrency", "0"])).stderr).toBe('daspool: --concurrency must be an integer >= 1, got "0"\n');
    expect((await run(["worker", "--redis", "redis://x", "--prefix-map", "/a"])).stderr).toBe("daspool: worker: --prefix-map expects FROM=TO, got '/a'\n");
    expect((await run(["worker", "extra"])).stderr).toBe("daspool: worker: unexpected argument extra (see daspool worker --help)\n");
  });

  it("rejects a URL that is not a Redis URL", async () => {
    expect(await run(["worker", "--redis", "http://127.0.0.1:6379"])).toEqual({
      code: 1,
      stderr: "daspool: RedisUnavailableError: not a Redis URL: 'http://127.0.0.1:6379' (expected redis://host:port)\n",
    });
  });
});
