/**
 * Starts work from an event handler or effect that has nothing to wait for. The work turns its own
 * expected failures into state (a message, a fallback); an unexpected one still reaches the console
 * instead of vanishing as an unhandled rejection.
 */
export function detach(work: Promise<unknown>): void {
  work.catch((error: unknown) => console.error('Portal Audit:', error));
}
