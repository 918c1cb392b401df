// The help texts of the daspool CLI, kept apart from the commands so that `--help` answers
// without loading the library (h5wasm, DuckDB, Arrow), and so docs can print them.

/** A command's name, one-line summary and full `--help` text. */
export interface CommandHelp {
  name: string;
  summary: string;
  usage: string;
}

/** The help lines of the flags every spool-reading command accepts (see open.ts). */
export const SPOOL_FLAGS_HELP = `  -s, --select K=V     keep patches matching K=V (repeatable, ANDed):
                         ranges  time=2020-01-03T00:00:09..  distance=100..250  (open ends allowed)
                         globs   station=DAS*      sets  network=n1,n2      exact  tag=raw
                         numbers time_step=0.001   gauge_length=5..15   file_format=mseed
  --file-format NAME   force a file format instead of detecting it (see daspool formats)
  --index-path P       a directory's index lives in P instead of DIR/.daspool`;

/** Every command, in the order `daspool --help` lists them. */
export const HELP: readonly CommandHelp[] = [
  {
    name: "index",
    summary: "create or update a directory's index, with progress",
    usage: `Usage: daspool index DIR [options]

Scan DIR recursively and bring its index up to date: new files are added, changed files
(size or modification time) re-scanned, deleted files dropped; hidden files and sidecar files
(.xml, .json, .log, .txt, .tdms_index, ...) are skipped and unreadable files reported. The
index lives in DIR/.daspool unless --index-path says otherwise (needed for a read-only DIR).

Options:
  --index-path P       keep the index in P (later commands on DIR find it)
  --include GLOB       index only files matching GLOB (repeatable; a GLOB without / matches
                       the file name, one with / the path under DIR); remembered by the index
  --exclude GLOB       do not index files matching GLOB (repeatable); remembered by the index
  --progress MODE      bar (default on a terminal), lines (default otherwise) or none
  -h, --help           show this help
`,
  },
  {
    name: "contents",
    summary: "print the contents table (one row per patch)",
    usage: `Usage: daspool contents PATH [options]

Print one row per patch of PATH (a DAS file or an indexed directory) without reading samples:
attributes, coordinate ranges (times in ISO 8601 UTC, steps in seconds), file path and format.

Options:
${SPOOL_FLAGS_HELP}
  --columns A,B        only these columns, in this order
  --format F           table (default; hides all-empty columns), csv, json, or parquet
                       (parquet needs --out; times stay timestamp[ns])
  -o, --out FILE       where --format parquet writes
  -h, --help           show this help

Examples:
  daspool contents shot.hdf5
  daspool contents archive/ --select station=DAS* --select time=2020-01-03T00:00:09.. --format csv
`,
  },
  {
    name: "query",
    summary: "select and chunk; explain the plan or write the outputs as DASDAE",
    usage: `Usage: daspool query PATH [options]

Build a lazy plan over PATH (a DAS file or an indexed directory): select, then chunk. Without
--explain, --analyze or --out, print the contents of the planned outputs (no samples read).

Options:
${SPOOL_FLAGS_HELP}
  -c, --chunk SPEC     windows along one dimension, e.g. time=30,overlap=5 (seconds, or
                       durations like 250ms, 2min); time=null merges contiguous patches;
                       also keep_partial, snap_coords=false, tolerance=1.5, conflict=drop
  --explain            print the logical, optimized and physical plans (reads no samples)
  --analyze            run the plan and print the plans with measured figures (with --out,
                       the plan runs once more to write)
  --out DIR            run the plan and write each output patch to DIR as a DASDAE file
                       named NNNN_<time_min>.h5
  --format F           listing format when printing outputs: table (default), csv, json
  --columns A,B        only these columns of the listing
  -h, --help           show this help

Examples:
  daspool query archive/ --select station=DAS1 --chunk time=30,overlap=5 --explain
  daspool query shot.hdf5 --select distance=500..700 --chunk time=0.5 --out windows/
`,
  },
  {
    name: "plot",
    summary: "draw a patch as a waterfall or wiggle PNG",
    usage: `Usage: daspool plot PATH --out FIG.png [options]

Draw a patch of PATH (a DAS file or an indexed directory) as a PNG, with dc.plot: a waterfall
image (time along x, distance or the other dimension down y) or, for one trace or up to 8, a
wiggle plot. Every sample sits at its coordinate: time gaps stay blank, uneven samples sit at
their true times. One-signed data (energy, temperature) get a sequential colormap, signed data
a diverging one centred on 0. Large patches keep each pixel's largest-magnitude sample.

Options:
  -o, --out FILE       the PNG to write (required; only .png)
${SPOOL_FLAGS_HELP}
  --patch N            which selected patch to draw, from 0 (default 0)
  --merge              first merge contiguous patches along time (e.g. consecutive files)
  --kind K             waterfall or wiggle (default: wiggle for at most 8 traces)
  --cmap NAME          viridis, magma, gray (sequential), rdbu, seismic, bwr (diverging)
  --vmin V, --vmax V   colour limits (a single trace: y limits)
  --clip P             percentile where colours saturate (default 99; 100 = full range)
  --demean             remove each trace's mean along time first
  --width W            image width in pixels (default 900)
  --height H           image height in pixels (default 560)
  --title TEXT         title line (default: station, tag, data type and shape)
  -h, --help           show this help

Example:
  daspool plot shot.hdf5 --select distance=400..700 --out shot.png
`,
  },
  {
    name: "formats",
    summary: "list supported file formats and versions",
    usage: `Usage: daspool formats [--format table|csv|json]

List the file formats daspool reads (in detection order), their versions and the file
extensions tried first when detecting a format; "writable" marks formats dc.write produces
(query --out always writes DASDAE).

Options:
  --format F   output as an aligned table (default), csv or json
  -h, --help   show this help
`,
  },
  {
    name: "worker",
    summary: "run distributed map jobs from a BullMQ queue on Redis",
    usage: `Usage: daspool worker --redis URL [options]

Take map jobs from a BullMQ queue on Redis and run them on this machine's threads, until
SIGINT or SIGTERM (the jobs in hand finish first). A coordinator enqueues one job per output
with spool.map(task, { executor: bullmqExecutor({ redis }) }) from daspool/bullmq; every
worker must see the archive files and the task module, at the same paths or through
--prefix-map. A killed worker's jobs are retried by the other workers. Needs the optional
packages bullmq and ioredis.

Options:
  --redis URL            Redis to take jobs from, e.g. redis://10.0.0.5:6379 (required)
  --concurrency N        jobs run at once, one thread each (default: available cores)
  --queue NAME           queue name (default daspool-map; the coordinator's must match)
  --prefix-map FROM=TO   coordinator paths under FROM are under TO here (repeatable); applies
                         to archive files, the task module and result folders
  --output DIR           write patch results here instead of the coordinator's folder
  --lock-duration MS     a job's lock without renewal (default 30000): how long a dead
                         worker's jobs wait before being retried elsewhere
  --stalled-interval MS  how often to look for jobs of dead workers (default 30000)
  --verbose              one line per finished job on stderr
  -h, --help             show this help

Example:
  daspool worker --redis redis://10.0.0.5:6379 --concurrency 8 --prefix-map /data=/mnt/data
`,
  },
];

/**
 * The help of command `name`.
 *
 * @example
 * ```ts
 * helpOf("plot").usage.startsWith("Usage: daspool plot"); // true
 * ```
 */
export function helpOf(name: string): CommandHelp {
  const help = HELP.find((h) => h.name === name);
  if (!help) throw new Error(`no help for command ${name}`);
  return help;
}

/** The top-level `daspool --help` text. */
export function mainUsage(): string {
  const width = Math.max(...HELP.map((c) => c.name.length));
  return `Usage: daspool <command> [options]

Query and process distributed acoustic sensing (DAS) archives: lazy spools over files and
indexed directories (DASCore's model), from the terminal.

Commands:
${HELP.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}

Run daspool <command> --help for a command's options; daspool -v prints the version.
Exit codes: 0 ok, 1 user error, 2 internal error, 130 interrupted (Ctrl-C).
`;
}

/**
 * The README's CLI section body: the top-level help and each command's help as fenced blocks,
 * so the README can be regenerated (and tested) from the code.
 *
 * @example
 * ```ts
 * readmeSection.includes(cliMarkdown()); // the README is current
 * ```
 */
export function cliMarkdown(): string {
  const block = (title: string, text: string) => `${title}\n\n\`\`\`text\n${text.trimEnd()}\n\`\`\`\n`;
  return [block("`daspool --help`", mainUsage()), ...HELP.map((h) => block(`\`daspool ${h.name} --help\``, h.usage))].join("\n");
}
