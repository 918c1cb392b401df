// Straight-line JavaScript arithmetic (`const a = x + y * (0.5), b = -c;` statements over
// numbers) compiled to WebAssembly f64x2 code: each variable a v128 local, each + − × ÷ and unary
// minus the same f64x2 operation in the same order (JavaScript's precedence and left
// associativity), each literal two equal lanes. The FFT's butterflies are written once, as the
// scalar passes' source text, and compiled here for the SIMD passes, so the two cannot drift
// apart: every lane computes, bit for bit, what the scalar code computes (no fused operations
// on either side).
import { ADD, DIV, f64x2Const, get, MUL, NEG, set, SUB } from "./wasmEmit.ts";

type Expr = { k: "num"; v: number } | { k: "var"; n: string } | { k: "neg"; e: Expr } | { k: "bin"; op: string; l: Expr; r: Expr };

const TOKEN = /\s*(\d+(?:\.\d*)?(?:e[+-]?\d+)?|[A-Za-z_]\w*|[-+*/(),=;])/y;

function tokenize(src: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < src.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(src);
    if (m === null) {
      if (src.slice(at).trim() === "") break;
      throw new Error(`wasmExpr: cannot read ${JSON.stringify(src.slice(at, at + 20))}`);
    }
    out.push(m[1]!);
  }
  return out;
}

/** `const name = expr, …;` statements as [name, expression] pairs, in order. */
export function parseStatements(src: string): [string, Expr][] {
  const t = tokenize(src);
  let i = 0;
  const peek = (): string | undefined => t[i];
  const take = (want?: string): string => {
    const x = t[i++];
    if (x === undefined || (want !== undefined && x !== want)) throw new Error(`wasmExpr: expected ${want ?? "a token"}, got ${x}`);
    return x;
  };
  const primary = (): Expr => {
    const x = take();
    if (x === "(") {
      const e = sum();
      take(")");
      return e;
    }
    if (/^\d/.test(x)) return { k: "num", v: Number(x) };
    if (/^[A-Za-z_]/.test(x)) return { k: "var", n: x };
    throw new Error(`wasmExpr: unexpected ${x}`);
  };
  // unary minus binds tighter than *, as in JavaScript: -a * b is (-a) * b
  const unary = (): Expr => (peek() === "-" ? (take(), { k: "neg", e: unary() }) : primary());
  const product = (): Expr => {
    let e = unary();
    while (peek() === "*" || peek() === "/") {
      const op = take();
      e = { k: "bin", op, l: e, r: unary() };
    }
    return e;
  };
  function sum(): Expr {
    let e = product();
    while (peek() === "+" || peek() === "-") {
      const op = take();
      e = { k: "bin", op, l: e, r: product() };
    }
    return e;
  }
  const out: [string, Expr][] = [];
  while (i < t.length) {
    take("const");
    for (;;) {
      const n = take();
      take("=");
      out.push([n, sum()]);
      if (peek() === ",") take(",");
      else break;
    }
    take(";");
  }
  return out;
}

/** v128 locals by variable name, allocated from `next` on first assignment. */
export class V128Locals {
  private readonly map = new Map<string, number>();
  constructor(private next: number) {}
  /** The local of `n`, made when `define`. */
  at(n: string, define = false): number {
    let i = this.map.get(n);
    if (i === undefined) {
      if (!define) throw new Error(`wasmExpr: ${n} is used before it is assigned`);
      i = this.next++;
      this.map.set(n, i);
    }
    return i;
  }
  /** How many locals were made. */
  count(first: number): number {
    return this.next - first;
  }
}

/** f64x2 code leaving the value of `e` on the stack. */
export function compileExpr(e: Expr, locals: V128Locals): number[] {
  switch (e.k) {
    case "num":
      return f64x2Const(e.v);
    case "var":
      return get(locals.at(e.n));
    case "neg":
      return [...compileExpr(e.e, locals), ...NEG];
    case "bin":
      return [...compileExpr(e.l, locals), ...compileExpr(e.r, locals), ...(e.op === "+" ? ADD : e.op === "-" ? SUB : e.op === "*" ? MUL : DIV)];
  }
}

/** f64x2 code running the statements of `src`, each result into its variable's local. */
export function compileStatements(src: string, locals: V128Locals): number[] {
  return parseStatements(src).flatMap(([n, e]) => [...compileExpr(e, locals), ...set(locals.at(n, true))]);
}
