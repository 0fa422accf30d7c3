import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EXIT, UserError } from '../user-error.ts';
import { Config } from './schema.ts';

export const DEFAULT_CONFIG_FILE = 'portal-audit.config.json';

/** A config problem a person can fix; the CLI prints the message and exits 2, without a stack trace. */
export class ConfigError extends UserError {
  override name = 'ConfigError';
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

function keyPath(path: PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

/** Validates a parsed config; every problem is listed with the key path it is at. */
export function parseConfig(raw: unknown, file = DEFAULT_CONFIG_FILE): Config {
  const result = Config.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const at = keyPath(issue.path) || '(top level)';
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
        : // A bad key of a map (e.g. a rule's `when`) says what is wrong with the key, not just that it is.
          issue.code === 'invalid_key'
          ? (issue.issues[0]?.message ?? issue.message)
          : issue.message;
    return `  ${at}: ${message}`;
  });
  throw new ConfigError(`Invalid config ${file}:\n${lines.join('\n')}`);
}

/** Reads and validates a config file; `dataDir` and the portals' certificate files are resolved against the file's folder. */
export function loadConfig(file = DEFAULT_CONFIG_FILE): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(code === 'ENOENT' ? `Config file ${file} not found (pass --config FILE)` : `Cannot read config file ${file}: ${code}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`Config file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  const config = parseConfig(raw, file);
  const base = dirname(resolve(file));
  const portals = config.portals.map((p) => ({
    ...p,
    ...(p.tls ? { tls: { cert: resolve(base, p.tls.cert), key: resolve(base, p.tls.key) } } : {}),
    ...(p.ca ? { ca: resolve(base, p.ca) } : {}),
  }));
  return { ...config, portals, dataDir: resolve(base, config.dataDir), ...(config.signingKeyFile ? { signingKeyFile: resolve(base, config.signingKeyFile) } : {}) };
}
