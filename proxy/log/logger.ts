import { pino, type Logger } from 'pino';

export type { Logger };
export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  /** `json`: one JSON object per line (pino's), for log shippers; `pretty`: readable lines for a terminal. Default `pretty`. */
  format?: LogFormat;
  /** Where lines go. Default: stdout (and, when pretty, errors and warnings to stderr). */
  destination?: { write(line: string): void };
}

/**
 * Field paths pino masks in every line, in case an error or object carrying request data is logged:
 * credentials never reach a log (capture redacts entries separately, before disk).
 */
const REDACT = [
  'password',
  '*.password',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'cookie',
  '*.cookie',
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
  'initialToken',
];

/** The one logger of a running proxy: pino, JSON or readable. */
export function createLogger({ format = 'pretty', destination }: LoggerOptions = {}): Logger {
  const options = { base: undefined, redact: { paths: REDACT, censor: '[redacted]' } };
  if (format === 'json') return pino(options, destination ?? process.stdout);
  return pino(options, { write: (line: string) => writePretty(line, destination) });
}

/** `msg key=value …`, then a start line's listeners as a table (`  Office Portal      http://…`), as the CLI always printed them. */
function writePretty(line: string, destination: LoggerOptions['destination']): void {
  const { level, time: _time, msg, listeners, event: _event, err, ...rest } = JSON.parse(line) as Record<string, unknown>;
  const fields = Object.entries(rest)
    .filter(([, v]) => v !== null && typeof v !== 'object')
    .map(([k, v]) => ` ${k}=${String(v)}`)
    .join('');
  let text = `${typeof msg === 'string' ? msg : ''}${fields}\n`;
  if (err && typeof err === 'object') text += `  ${String((err as { stack?: string; message?: string }).stack ?? (err as { message?: string }).message)}\n`;
  if (Array.isArray(listeners)) for (const { source, url } of listeners as Array<{ source: string; url: string }>) text += `  ${source.padEnd(18)} ${url}\n`;
  if (destination) destination.write(text);
  else (Number(level) >= 40 ? process.stderr : process.stdout).write(text);
}
