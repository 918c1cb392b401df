// A Redis for tests and benchmarks: DASPOOL_TEST_REDIS (set by .ci/run) when given, else a
// private redis-server on a free loopback port without persistence, ready when this resolves.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { checkRedis } from "../src/bullmq/index.ts";

/** A free TCP port on 127.0.0.1 (asked of the OS, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

/**
 * The Redis URL to use and the private server behind it (null when DASPOOL_TEST_REDIS is used).
 * Needs `redis-server` on PATH otherwise.
 *
 * @example
 * ```ts
 * const { url, server } = await localRedis();
 * try { ... } finally { server?.kill(); }
 * ```
 */
export async function localRedis(): Promise<{ url: string; server: ChildProcess | null }> {
  const given = process.env["DASPOOL_TEST_REDIS"];
  if (given) return { url: given, server: null };
  const port = await freePort();
  const server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      await checkRedis(url, 500);
      return { url, server };
    } catch (error) {
      if (i > 50) {
        server.kill();
        throw error;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
