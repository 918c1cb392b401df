// Runtime registries behind a family of spools: the source resolver (memory patches, files),
// map functions and map callbacks. Plans refer to these by handle so the plans stay plain data.

import { DefaultResolver } from "../../planner/sources/resolver.ts";
import type { MapFunction, MapHooks } from "../../planner/context.ts";

let nextHandle = 0;

/** What spools derived from one another share at run time. */
export interface SpoolEnv {
  readonly resolver: DefaultResolver;
  readonly functions: ReadonlyMap<string, MapFunction>;
  readonly hooks: ReadonlyMap<string, MapHooks>;
  /** Optimizer rules this spool family runs without (tests compare results with and without). */
  readonly disabledRules: ReadonlySet<string>;
  register(fn: MapFunction): string;
  registerHooks(hooks: MapHooks): string;
}

class Env implements SpoolEnv {
  readonly functions = new Map<string, MapFunction>();
  readonly hooks = new Map<string, MapHooks>();
  constructor(
    readonly resolver: DefaultResolver,
    readonly disabledRules: ReadonlySet<string> = new Set(),
  ) {}

  register(fn: MapFunction): string {
    const handle = `fn${nextHandle++}`;
    this.functions.set(handle, fn);
    return handle;
  }

  registerHooks(hooks: MapHooks): string {
    const handle = `hooks${nextHandle++}`;
    this.hooks.set(handle, hooks);
    return handle;
  }
}

/** A fresh environment (a new spool family). */
export function newEnv(resolver = new DefaultResolver()): SpoolEnv {
  return new Env(resolver);
}

/**
 * A copy-on-write child: new registrations do not leak into the parent spool's environment.
 * `freshSources` drops cached source rows (after an index update) but keeps memory patches.
 */
export function deriveEnv(
  parent: SpoolEnv,
  freshSources = false,
  disabledRules: ReadonlySet<string> = parent.disabledRules,
): SpoolEnv {
  const env = new Env(freshSources ? new DefaultResolver(parent.resolver.memory) : parent.resolver, disabledRules);
  for (const [k, v] of parent.functions) env.functions.set(k, v);
  for (const [k, v] of parent.hooks) env.hooks.set(k, v);
  return env;
}
