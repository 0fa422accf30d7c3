import proxyaddr from 'proxy-addr';

/** "::ffff:10.0.0.7" and "10.0.0.7" are the same client; the log shows the plain IPv4 form. */
export function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

export interface TrustOptions {
  /** IPs/CIDRs (or proxy-addr names like "loopback") whose X-Forwarded-For is believed. Default: none. */
  trustedProxies?: string[];
}

/** The compiled trustedProxies check, shared by the IP step, the header actor and the listener. */
export function createTrust({ trustedProxies = [] }: TrustOptions = {}) {
  const trust = proxyaddr.compile(trustedProxies);
  return {
    /** Whether a direct peer may speak for the client (X-Forwarded-For, an auth gateway's header). */
    isTrusted(peer: string): boolean {
      return trust(plainAddress(peer), 0);
    },
    /** The client address: the peer, or the right-most untrusted address of X-Forwarded-For behind trusted peers. */
    clientAddress(peer: string, forwardedFor: string | string[] | undefined): string {
      const headers = forwardedFor === undefined ? {} : { 'x-forwarded-for': Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor };
      const req = { headers, connection: { remoteAddress: plainAddress(peer) }, socket: { remoteAddress: plainAddress(peer) } };
      return plainAddress(proxyaddr(req as never, trust));
    },
  };
}
export type Trust = ReturnType<typeof createTrust>;
