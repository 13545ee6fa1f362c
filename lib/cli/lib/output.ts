// Human output: colours only on a TTY without NO_COLOR, a spinner only when stderr is a TTY,
// tables sized to their content. Machine output (--json) never goes through here.

type Stream = NodeJS.WriteStream;

const useColour = (stream: Stream) => !!stream.isTTY && !("NO_COLOR" in process.env) && process.env.TERM !== "dumb";

const paint = (code: number, stream: Stream) => (text: string) => (useColour(stream) ? `\u001b[${code}m${text}\u001b[0m` : text);

export const colours = {
  green: paint(32, process.stdout),
  dim: paint(2, process.stdout),
  bold: paint(1, process.stdout),
  yellowOut: paint(33, process.stdout),
  redOut: paint(31, process.stdout),
  red: paint(31, process.stderr),
  yellow: paint(33, process.stderr),
  dimErr: paint(2, process.stderr),
};

export function success(message: string) {
  process.stdout.write(`${colours.green("✔")} ${message}\n`);
}

export function info(message: string) {
  process.stdout.write(`${message}\n`);
}

export function warn(message: string) {
  process.stderr.write(`${colours.yellow("⚠")} ${message}\n`);
}

export function printJson(value: unknown) {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

export type Column<T> = { header: string; value: (row: T) => string; max?: number; colour?: (text: string, row: T) => string };

/** A plain table: a header row, then one row per item, columns padded to their widest cell. */
export function table<T>(rows: T[], columns: Column<T>[]): string {
  const cells = rows.map((row) => columns.map((c) => truncate(c.value(row), c.max ?? 60)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[], colourise?: (text: string, i: number) => string) =>
    values
      .map((v, i) => {
        const padded = i === values.length - 1 ? v : v.padEnd(widths[i]!);
        return colourise ? colourise(padded, i) : padded;
      })
      .join("  ")
      .trimEnd();
  const header = colours.bold(line(columns.map((c) => c.header)));
  const body = cells.map((r, rowIndex) => line(r, (text, i) => columns[i]!.colour?.(text, rows[rowIndex]!) ?? text));
  return [header, ...body].join("\n");
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** Run `work` with a spinner on stderr while it waits (only on a TTY, and never with --json or --debug). */
export async function withSpinner<T>(label: string, enabled: boolean, work: () => Promise<T>): Promise<T> {
  const stream = process.stderr;
  if (!enabled || !stream.isTTY) return work();
  let frame = 0;
  const draw = () => stream.write(`\r${FRAMES[frame++ % FRAMES.length]} ${label}`);
  const timer = setInterval(draw, 80);
  draw();
  try {
    return await work();
  } finally {
    clearInterval(timer);
    stream.write("\r\u001b[2K");
  }
}
