import { z } from 'zod';
import { Entry } from '../../shared/entry.ts';
import {
  ApiError,
  CheckpointResponse,
  ConsistencyProofResponse,
  CoverageReport,
  Facets,
  RecordHistoryResponse,
  SearchResponse,
  VerifyResponse,
  WhoAmI,
  searchQueryString,
  type AuditEventRequest,
  type SearchQuery,
} from '../../shared/api.ts';

// Extension pages forbid eval (MV3 CSP): without this, zod's compile-on-first-use probe trips the CSP.
z.config({ jitless: true });

/** What went wrong, as the admin can act on it; `message` is shown as is. */
export type FailureKind = 'no-token' | 'unreachable' | 'not-api' | 'token-refused' | 'role-too-low' | 'bad-parameter' | 'not-found' | 'bad-answer' | 'server-error';

export class ApiFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly param?: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export interface ClientOptions {
  baseUrl: string;
  token: string;
  /** Tests and the background page pass their own; defaults to the global fetch. */
  fetch?: typeof fetch;
}

export class ApiClient {
  readonly baseUrl: string;
  private readonly token: string;
  private readonly fetchImpl: typeof fetch;

  constructor(options: ClientOptions) {
    this.baseUrl = options.baseUrl.trim().replace(/\/+$/, '');
    this.token = options.token.trim();
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  me(): Promise<WhoAmI> {
    return this.get('/api/me', WhoAmI);
  }

  facets(): Promise<Facets> {
    return this.get('/api/facets', Facets);
  }

  /** One page; what is left out takes SearchQuery's default (shared/api.ts, which the server parses the URL with). */
  search(query: Partial<SearchQuery>, signal?: AbortSignal): Promise<SearchResponse> {
    return this.get(`/api/entries?${searchQueryString(query)}`, SearchResponse, signal);
  }

  entry(id: string): Promise<Entry> {
    return this.get(`/api/entries/${encodeURIComponent(id)}`, Entry);
  }

  recordHistory(type: string, id: string, signal?: AbortSignal): Promise<RecordHistoryResponse> {
    return this.get(`/api/records/${encodeURIComponent(type)}/${encodeURIComponent(id)}`, RecordHistoryResponse, signal);
  }

  /** Walks the whole chain on the server; with a fingerprint kept from earlier, also proves nothing before it was rewritten. */
  verify(fingerprint?: string): Promise<VerifyResponse> {
    const query = fingerprint?.trim() ? `?fingerprint=${encodeURIComponent(fingerprint.trim())}` : '';
    return this.get(`/api/verify${query}`, VerifyResponse);
  }

  /** The log's newest signed checkpoint and its public key: what the browser witness pins and keeps. */
  checkpoint(): Promise<CheckpointResponse> {
    return this.get('/api/checkpoint', CheckpointResponse);
  }

  /** The RFC 9162 proof (hex hashes) that the tree of `from` entries is a prefix of the tree of `to`. */
  async consistencyProof(from: number, to: number): Promise<string[]> {
    return (await this.get(`/api/proof/consistency?from=${from}&to=${to}`, ConsistencyProofResponse)).proof;
  }

  /** Which endpoints the record rules miss, with draft rules (admin only). */
  coverage(): Promise<CoverageReport> {
    return this.get('/api/coverage', CoverageReport);
  }

  async reportAuditEvent(event: AuditEventRequest): Promise<void> {
    await this.request('/api/audit-events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
  }

  /**
   * The request for all matches as CSV (not one page), for the browser's downloads to fetch and stream
   * to a file: the URL and the headers it needs.
   */
  exportCsvRequest(query: Partial<SearchQuery>): { url: string; headers: Record<string, string> } {
    if (!this.token) throw new ApiFailure('no-token', 'No token yet — open Options and paste the token that npm start printed.');
    const { cursor: _cursor, limit: _limit, bucket: _bucket, commit: _commit, ...filters } = query;
    return { url: `${this.baseUrl}/api/export?format=csv&${searchQueryString(filters)}`, headers: { authorization: `Bearer ${this.token}` } };
  }

  /** True when the record's newest successful entry deleted it (its page in the portal would be a 404). */
  async recordDeleted(type: string, id: string): Promise<boolean> {
    const { entries } = await this.recordHistory(type, id);
    const own = entries.find((e) => e.outcome === 'success' && e.records.some((r) => r.type === type && r.id === id));
    return own?.records.some((r) => r.type === type && r.id === id && r.op === 'delete') ?? false;
  }

  private async get<T extends z.ZodType>(path: string, schema: T, signal?: AbortSignal): Promise<z.infer<T>> {
    const response = await this.request(path, { signal });
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      // A web page (a portal, a login page) answered where JSON was expected.
      throw this.notApi();
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw this.badAnswer();
    return parsed.data;
  }

  private async request(path: string, init: RequestInit = {}): Promise<Response> {
    if (!this.token) throw new ApiFailure('no-token', 'No token yet — open Options and paste the token that npm start printed.');
    if (!/^https?:\/\//.test(this.baseUrl)) {
      throw new ApiFailure('bad-parameter', `The admin API URL "${this.baseUrl}" must start with http:// or https:// — fix it in Options.`, 'url');
    }
    let response: Response;
    try {
      response = await this.fetchImpl(this.baseUrl + path, {
        ...init,
        headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${this.token}` },
      });
    } catch (error) {
      // An abort is the caller changing its mind, not a failure to show.
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiFailure('unreachable', `Server unreachable at ${this.baseUrl} — is the Portal Audit proxy (npm start) running?`);
    }
    if (response.ok) return response;
    // Only an entry or a record can be missing; any other path of the API always exists.
    const canBeMissing = /^\/api\/(entries|records)\/./.test(path);
    throw await this.failureFrom(response, canBeMissing);
  }

  private async failureFrom(response: Response, canBeMissing: boolean): Promise<ApiFailure> {
    let detail: ApiError | undefined;
    try {
      const parsed = ApiError.safeParse(await response.json());
      if (parsed.success) detail = parsed.data;
    } catch {
      // Not JSON: handled below.
    }
    // Every error of the admin API is JSON naming it; anything else comes from some other server.
    if (!detail || (response.status === 404 && !canBeMissing)) return this.notApi();
    switch (response.status) {
      case 401:
        return new ApiFailure('token-refused', 'Token refused — check the token in Options (create one with: portal-audit token create).');
      case 403:
        return new ApiFailure('role-too-low', 'Role too low — this needs an admin token; ask an admin for one.');
      case 400:
        return detail?.param ? new ApiFailure('bad-parameter', `Bad parameter ${detail.param}: ${detail.error}`, detail.param) : new ApiFailure('bad-parameter', `Bad request: ${detail.error}`);
      case 429: {
        const wait = response.headers.get('retry-after');
        return new ApiFailure('token-refused', `Too many refused tokens from this computer — wait${wait ? ` ${wait} s` : ' a moment'} and check the token in Options.`);
      }
      case 404:
        return new ApiFailure('not-found', detail.error);
      default:
        return new ApiFailure('server-error', `The server at ${this.baseUrl} failed (HTTP ${response.status}): ${detail.error}.`);
    }
  }

  private badAnswer(): ApiFailure {
    return new ApiFailure('bad-answer', `Unexpected answer from ${this.baseUrl} — is this the Portal Audit admin API (and the same version)?`);
  }

  private notApi(): ApiFailure {
    return new ApiFailure('not-api', `${this.baseUrl} answers, but this is not a Portal Audit admin API — check the URL in Options (npm start prints it).`);
  }
}

/** Plain words for anything thrown, so components never show "[object Object]" or a stack. */
export function failureMessage(error: unknown): string {
  if (error instanceof ApiFailure) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
