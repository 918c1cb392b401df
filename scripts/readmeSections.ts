// The README's generated sections (format table, CLI reference): their text from the code, and a
// replacer for the text between `<!-- name:begin -->` and `<!-- name:end -->`.

import { cliMarkdown } from "../src/cli/help.ts";
import { formatRows } from "../src/cli/commands/formats.ts";

/** The format table as markdown, from the format registry. */
export function formatsMarkdown(): string {
  const { columns, rows } = formatRows();
  const lines = [`| ${columns.join(" | ")} |`, `| ${columns.map(() => "---").join(" | ")} |`];
  for (const r of rows) lines.push(`| ${r.map((c) => String(c ?? "")).join(" | ")} |`);
  return `${lines.join("\n")}\n`;
}

/** Generated sections by name. */
export const SECTIONS: Record<string, () => string> = {
  formats: formatsMarkdown,
  cli: cliMarkdown,
};

/** `text` with section `name` replaced by `body`; throws when the markers are missing. */
export function replaceSection(text: string, name: string, body: string): string {
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README has no ${begin} … ${end} section`);
  return `${text.slice(0, a + begin.length)}\n${body}${text.slice(b)}`;
}
