// Warm query handles: one DuckDB connection per index folder, kept open with its prepared
// statements, so that a repeated query skips connect + parse + plan. A DuckDB connection runs one
// query at a time, so a handle's queries are queued; handles and statements are bounded (LRU).
import type { Connection, PreparedStatement } from "@duckdb/node-bindings";
import { duckBindings, duckDatabase } from "./duck.ts";

/** How many index folders keep a warm connection; the least recently used one is closed. */
export const MAX_SESSIONS = 8;
/** Prepared statements kept per connection (distinct query shapes, not distinct values). */
export const MAX_STATEMENTS = 32;

interface Session {
  conn: Promise<Connection>;
  stmts: Map<string, Promise<PreparedStatement>>;
  /** The index generation the statements were prepared for. */
  epoch: string;
  /** The last queued task: the next one starts when it settles. */
  tail: Promise<unknown>;
}

const sessions = new Map<string, Session>();

function touch<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  map.set(key, value);
}

/** Forgets the statements now and destroys them once the queries queued so far are done. */
function dropStatements(s: Session): void {
  const old = [...s.stmts.values()];
  s.stmts.clear();
  void s.tail.then(() => {
    for (const stmt of old) void stmt.then((p) => duckBindings().destroy_prepare_sync(p), () => undefined);
  });
}

function session(key: string, epoch: string): Session {
  let s = sessions.get(key);
  if (s) {
    touch(sessions, key, s);
    // Statements of another generation may have bound that generation's Parquet schema.
    if (s.epoch !== epoch) dropStatements(s), (s.epoch = epoch);
    return s;
  }
  const created: Session = { conn: duckDatabase().then((db) => duckBindings().connect(db)), stmts: new Map(), tail: Promise.resolve(), epoch };
  // A connection that failed to open is not kept: the next query tries afresh.
  created.conn.catch(() => sessions.get(key) === created && sessions.delete(key));
  s = created;
  sessions.set(key, s);
  if (sessions.size > MAX_SESSIONS) {
    const [oldKey, old] = sessions.entries().next().value as [string, Session];
    sessions.delete(oldKey);
    // Closed once its queued queries are done; a later query on that folder opens a new one.
    void old.tail.then(() => old.conn).then((c) => duckBindings().disconnect_sync(c), () => undefined);
  }
  return s;
}

async function statement(s: Session, sql: string): Promise<PreparedStatement> {
  let stmt = s.stmts.get(sql);
  if (stmt) {
    touch(s.stmts, sql, stmt);
    return stmt;
  }
  stmt = s.conn.then((c) => duckBindings().prepare(c, sql));
  s.stmts.set(sql, stmt);
  // A statement that failed to prepare is not kept (the next call reports the error afresh).
  stmt.catch(() => s.stmts.get(sql) === stmt && s.stmts.delete(sql));
  if (s.stmts.size > MAX_STATEMENTS) {
    const [oldSql, old] = s.stmts.entries().next().value as [string, Promise<PreparedStatement>];
    s.stmts.delete(oldSql);
    void old.then((p) => duckBindings().destroy_prepare_sync(p), () => undefined);
  }
  return stmt;
}

/**
 * Runs `fn` with the prepared statement for `sql` on the warm connection of `key` (an index
 * folder), after the queries queued before it on that connection. Statements are kept while
 * `epoch` (the index generation) stays the same.
 * @example
 * ```ts
 * const n = await withStatement(index.indexDir, "3", "SELECT count(*) FROM read_parquet([$1])", async (stmt) => {
 *   duckBindings().bind_varchar(stmt, 1, file);
 *   return (await readColumns(await duckBindings().execute_prepared(stmt))).columns[0]![0];
 * });
 * ```
 */
export function withStatement<T>(key: string, epoch: string, sql: string, fn: (stmt: PreparedStatement) => Promise<T>): Promise<T> {
  const s = session(key, epoch);
  const run = async () => fn(await statement(s, sql));
  const result = s.tail.then(run, run);
  s.tail = result.catch(() => undefined);
  return result;
}

/**
 * Closes every warm connection (tests; a process that stops querying indexes).
 * @example
 * ```ts
 * await closeSessions();
 * ```
 */
export async function closeSessions(): Promise<void> {
  const all = [...sessions.values()];
  sessions.clear();
  for (const s of all) {
    await s.tail;
    try {
      duckBindings().disconnect_sync(await s.conn);
    } catch {
      // a connection that never opened has nothing to close
    }
  }
}
