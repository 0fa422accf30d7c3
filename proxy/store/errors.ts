/** The store cannot take entries now (disk full, read-only, closed); capture answers 503. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/** A line of the log that is not an entry at all; verify reports it as the first bad entry. */
export class CorruptLogError extends Error {
  override name = 'CorruptLogError';
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(`${where}: ${message}`);
  }
}
