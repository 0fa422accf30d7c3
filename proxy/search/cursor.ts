import { SearchParamError } from './types.ts';

/**
 * Where the next page starts. `before` is the seq of the last entry shown: the next page holds
 * older matches only, so entries appended between pages cannot shift or repeat results. `upTo` is
 * the newest seq when the first page was asked, so every page of one search reports the same total
 * and histogram while the log keeps growing.
 */
export interface Cursor {
  before: number;
  upTo: number;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.before}.${cursor.upTo}`, 'utf8').toString('base64url');
}

export function decodeCursor(text: string): Cursor {
  const match = /^(\d{1,15})\.(\d{1,15})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  const cursor = match ? { before: Number(match[1]), upTo: Number(match[2]) } : null;
  if (cursor === null || cursor.before < 1 || cursor.before > cursor.upTo + 1) {
    throw new SearchParamError('cursor', 'cursor is not one this server handed out; start again without it');
  }
  return cursor;
}
