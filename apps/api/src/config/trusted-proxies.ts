import { isIP } from 'node:net';

/**
 * Which proxies may tell the API the client's address (X-Forwarded-For): Fastify's `trustProxy`
 * option. `false` trusts nobody (the socket's peer is the client); a number trusts that many
 * hops in front of the API; a list trusts exactly those addresses and networks.
 */
export type TrustedProxies = false | number | string[];

const CIDR = /^(.+)\/(\d{1,3})$/;

/**
 * Reads LENA_TRUSTED_PROXIES: empty (trust no proxy), a hop count ("1"), or a comma-separated
 * list of addresses and networks ("10.0.0.0/8, 127.0.0.1"). "Trust everything" is refused,
 * because then every client chooses the address that rate limits and the audit log see.
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const text = (value ?? '').trim();
  if (text === '' || text === 'false' || text === '0') return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10) throw new Error(`LENA_TRUSTED_PROXIES: ${hops} hops is not a plausible number of proxies.`);
    return hops;
  }
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [, address = entry, prefixLength] = CIDR.exec(entry) ?? [];
    const version = isIP(address);
    if (version === 0) {
      throw new Error(`LENA_TRUSTED_PROXIES: "${entry}" is not an IP address or network. Name the proxies' addresses, or a hop count.`);
    }
    if (prefixLength !== undefined && (Number(prefixLength) > (version === 4 ? 32 : 128) || Number(prefixLength) === 0)) {
      throw new Error(`LENA_TRUSTED_PROXIES: "${entry}" would trust every address (or is not a valid network).`);
    }
  }
  return entries;
}

/** The client address to record: a real IP address, or null (never a header's arbitrary text). */
export function clientAddress(ip: string | undefined): string | null {
  return ip && isIP(ip) ? ip : null;
}

/** Fastify's `trustProxy` option for the setting (a hop count becomes "trust the first n hops"). */
export function fastifyTrustProxy(trusted: TrustedProxies): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trusted === 'number') return (_address, hop) => hop < trusted;
  return trusted;
}
