/**
 * What the exit code of the CLI says: 1 when the command could not do its work (the log is locked, a
 * migration was refused), 2 when what was asked is wrong (a bad config key, option or name). Scripts
 * tell "fix the command" from "try again later" by it.
 */
export const EXIT = { failed: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * A problem the person running Portal Audit can fix, with a message that says how. The CLI prints
 * the message as one line and exits with `exitCode`; anything else is a bug and is reported as one.
 */
export class UserError extends Error {
  override name = 'UserError';
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.failed,
  ) {
    super(message);
  }
}
