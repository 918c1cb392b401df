// Prints the README's CLI reference (every --help text) as markdown, or with `--write FILE`
// replaces the text between `<!-- cli:begin -->` and `<!-- cli:end -->` in FILE.
// Run: npx tsx scripts/readme-cli.ts [--write README.md]

import { readFileSync, writeFileSync } from "node:fs";
import { cliMarkdown } from "../src/cli/help.ts";

const BEGIN = "<!-- cli:begin -->";
const END = "<!-- cli:end -->";
const [flag, file] = process.argv.slice(2);

if (flag === "--write" && file) {
  const text = readFileSync(file, "utf8");
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  if (a < 0 || b < a) {
    process.stderr.write(`readme-cli: ${file} has no ${BEGIN} … ${END} section\n`);
    process.exit(1);
  }
  writeFileSync(file, `${text.slice(0, a + BEGIN.length)}\n${cliMarkdown()}${text.slice(b)}`);
  process.stdout.write(`updated the CLI section of ${file}\n`);
} else {
  process.stdout.write(cliMarkdown());
}
