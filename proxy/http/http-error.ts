/**
 * An answer other than 2xx that a handler chooses: the admin API and the demo portal turn it into a
 * JSON body `{ error, param }` (the demo portal names `param` "field", as portals tend to).
 */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    /** The query parameter or body field at fault, so a client can point at it. */
    readonly param?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
