// Redis connections of the coordinator and the workers: one URL, a fast reachability check at
// start (so a wrong URL fails in seconds instead of retrying forever), and our typed error.

import { connect } from "node:net";
import { DaspoolError } from "../errors.ts";

/**
 * Redis could not be reached (or answered wrongly) when a coordinator or worker started.
 *
 * @example
 * ```ts
 * try { await spool.map(task, { executor }).collect(); }
 * catch (e) { if (e instanceof RedisUnavailableError) console.error("start redis-server first"); }
 * ```
 */
export class RedisUnavailableError extends DaspoolError {}

/** How long the start-up check waits for a TCP connection and a PONG. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 3000;

/** Host and port of a `redis://` or `rediss://` URL (defaults: localhost, 6379). */
export function redisAddress(url: string): { host: string; port: number } {
  let u: URL;
  try {
    u = new URL(url);
  } catch (cause) {
    throw new RedisUnavailableError(`not a Redis URL: '${url}' (expected redis://host:port)`, { cause });
  }
  if (u.protocol !== "redis:" && u.protocol !== "rediss:") {
    throw new RedisUnavailableError(`not a Redis URL: '${url}' (expected redis://host:port)`);
  }
  return { host: u.hostname.replace(/^\[|\]$/g, "") || "localhost", port: Number(u.port || 6379) };
}

/**
 * Connects to Redis's port within `timeoutMs` and, on a plain `redis://` URL, checks that it
 * answers PING (with -NOAUTH also proving a Redis is there); otherwise throws
 * {@link RedisUnavailableError} naming the URL and the cause.
 *
 * @example
 * ```ts
 * await checkRedis("redis://127.0.0.1:6379"); // resolves, or throws within 3 s
 * ```
 */
export async function checkRedis(url: string, timeoutMs = DEFAULT_CONNECT_TIMEOUT_MS): Promise<void> {
  const { host, port } = redisAddress(url);
  const tls = url.startsWith("rediss:");
  await new Promise<void>((resolve, reject) => {
    const socket = connect({ host, port });
    let answer = "";
    const fail = (why: string, cause?: unknown) => {
      socket.destroy();
      reject(new RedisUnavailableError(`Redis is unreachable at ${url}: ${why}`, { cause }));
    };
    socket.setTimeout(timeoutMs, () => fail(`no answer within ${timeoutMs} ms`));
    socket.once("error", (e: NodeJS.ErrnoException) => fail(e.code ?? e.message, e));
    socket.once("connect", () => {
      // A TLS endpoint cannot be spoken to in clear text: the open port is the check there.
      if (tls) {
        socket.end();
        resolve();
        return;
      }
      socket.write("PING\r\n");
    });
    socket.on("data", (chunk: Buffer) => {
      answer += chunk.toString("latin1");
      if (!answer.includes("\r\n")) return;
      socket.end();
      if (answer.startsWith("+PONG") || answer.startsWith("-NOAUTH")) resolve();
      else fail(`unexpected answer ${JSON.stringify(answer.trim().slice(0, 60))} (is this a Redis server?)`);
    });
  });
}

/**
 * BullMQ connection options for a URL. `maxRetriesPerRequest: null` is what BullMQ requires for
 * workers' blocking commands; after the start-up check, a dropped connection is retried.
 */
export function connectionOptions(url: string): { url: string; maxRetriesPerRequest: null; connectTimeout: number } {
  return { url, maxRetriesPerRequest: null, connectTimeout: DEFAULT_CONNECT_TIMEOUT_MS };
}
