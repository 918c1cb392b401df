// Causes of today's differential failures (issue #16), each recognised from the case and its
// differences, with the analysis REPORT.md prints. Filled in from the failures themselves.

import type { Case } from "./fixtures.ts";
import type { Verdict } from "./rules.ts";

export interface Cause {
  name: string;
  text: string;
  match: (c: Case, v: Verdict) => boolean;
}

export const CAUSES: Cause[] = [];

export function classify(c: Case, v: Verdict): string {
  return CAUSES.find((k) => k.match(c, v))?.name ?? "unclassified";
}
