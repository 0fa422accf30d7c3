/** Levels of nesting kept of a body (JSON); deeper subtrees become [too deep], so no walk over client data recurses without bound. */
export const MAX_BODY_DEPTH = 32;
/** Values kept of a body: JSON values at any depth, form pairs, multipart parts. Parsing stops there, so its cost stays linear. */
export const MAX_BODY_FIELDS = 10_000;
/** A string value longer than this (UTF-8 bytes) is logged as its size and sha256, never whole (attachments, base64 images). */
export const LARGE_VALUE_BYTES = 4096;
