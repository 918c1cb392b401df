// A plain-JS task module for the built-package test (no TypeScript loader needed in workers).

/** Max over time per channel. */
export function maxOverTime(p) {
  return p.aggregate("time", "max");
}
