// A person (or device) using the demo portal through one of Portal Audit's listeners: keeps its own
// session cookie and user agent like a browser, app or kiosk would.

export const BROWSER_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';
export const MOBILE_UA = 'GymApp/3.2.1 (iPhone; iOS 17.4)';
export const KIOSK_UA = 'TumbleTownKiosk/1.4 (Android 13)';

export interface Step {
  source: string;
  who: string;
  what: string;
  status: number;
  expected: number;
}

/** A portal's JSON answer as the demo reads it: a few fields pick the next step's target, none is trusted. */
export type DemoJson = Record<string, unknown>;

export interface Reply {
  status: number;
  json: DemoJson | null;
}

export class Visitor {
  private cookie: string | null = null;
  private authorization: string | null = null;

  constructor(
    readonly baseUrl: string,
    readonly source: string,
    readonly who: string,
    private userAgent: string,
    private steps: Step[],
  ) {}

  /** A kiosk signs each request with the account typed on its keypad. */
  basic(username: string, pin: string): this {
    this.authorization = `Basic ${Buffer.from(`${username}:${pin}`).toString('base64')}`;
    return this;
  }

  bearer(token: string): this {
    this.authorization = `Bearer ${token}`;
    return this;
  }

  /** A read (not audited): used to pick realistic targets for the next change. */
  async get<T = DemoJson>(path: string): Promise<T | null> {
    return (await this.send('GET', path)).json as T | null;
  }

  /** A change; the step is remembered with the status the portal should answer. */
  async act(what: string, method: string, path: string, body: unknown, expected: number, asForm = false): Promise<Reply> {
    const reply = await this.send(method, path, body, asForm);
    this.steps.push({ source: this.source, who: this.who, what, status: reply.status, expected });
    return reply;
  }

  private async send(method: string, path: string, body?: unknown, asForm = false): Promise<Reply> {
    const headers: Record<string, string> = { 'user-agent': this.userAgent, accept: asForm ? 'text/html' : 'application/json' };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.authorization) headers.authorization = this.authorization;
    let payload: string | undefined;
    if (body !== undefined) {
      headers['content-type'] = asForm ? 'application/x-www-form-urlencoded' : 'application/json';
      payload = asForm ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body);
    }
    const res = await fetch(this.baseUrl + path, { method, headers, body: payload, redirect: 'manual' });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const pair = setCookie.replace(/;.*$/s, '');
      this.cookie = pair.endsWith('=') ? null : pair;
    }
    const text = await res.text();
    let json: DemoJson | null = null;
    try {
      json = JSON.parse(text) as DemoJson;
    } catch {
      // HTML pages and redirects have no JSON; the status says enough.
    }
    return { status: res.status, json };
  }
}
