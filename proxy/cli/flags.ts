import type { z } from 'zod';
import { firstProblem } from '../../shared/api.ts';
import { EXIT, UserError } from '../user-error.ts';

/** An option's key as its flag: dataDir → --data-dir. */
const flagOf = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * A command's options read with zod: a bad one is one line naming its flag (exit 2). `names` gives keys
 * that are not flags (the query argument) the name the help shows them by.
 */
export function parseFlags<T extends z.ZodType>(schema: T, options: unknown, names: Record<string, string> = {}): z.output<T> {
  const result = schema.safeParse(options);
  if (result.success) return result.data;
  const { param, message } = firstProblem(result.error);
  throw new UserError(`${names[param] ?? flagOf(param)}: ${message}`, EXIT.usage);
}
