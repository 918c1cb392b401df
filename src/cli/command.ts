// What every CLI command is: a name, a one-line summary, its --help text and an async run over
// its own arguments, writing through an injected Io (so output never goes to console.*).

/** The streams and environment a command runs with. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal (progress bars instead of lines). */
  errIsTTY: boolean;
  /** Aborted on SIGINT/SIGTERM. */
  signal: AbortSignal;
}

/** One `daspool <name>` command. */
export interface Command {
  name: string;
  summary: string;
  /** The full `--help` text, ending with a newline. */
  usage: string;
  run(argv: readonly string[], io: Io): Promise<void>;
}
