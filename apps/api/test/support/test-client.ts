import { randomInt } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: {
    code?: string;
    fieldProblems?: { field: string; message: string }[];
    retryAfterSeconds?: number;
    [key: string]: unknown;
  };
}

export interface GqlResult<T = Record<string, unknown>> {
  data: T | null;
  errors: GraphQLErrorShape[] | undefined;
  statusCode: number;
  /** The raw body, for assertions that nothing leaks. */
  body: string;
}

export interface SetCookie {
  name: string;
  value: string;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: string;
  maxAge?: number;
  expires?: Date;
  path?: string;
}

export interface TestClientOptions {
  /** The client's IP address as the API sees it; every client gets its own unless told. */
  remoteAddress?: string;
}

export interface RequestOptions {
  /** Send the x-csrf-token header from the lena_csrf cookie (default true). */
  csrf?: boolean;
  /** Send the cookie jar (default true). */
  cookies?: boolean;
  headers?: Record<string, string>;
}

/** A distinct loopback address, so rate limits of one test never touch another's. */
export function randomLoopbackAddress(): string {
  return `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

/**
 * Talks to the in-process API as a browser would: keeps the cookies it is given, sends them back
 * and echoes the CSRF cookie in the x-csrf-token header. A bearer token may be used instead.
 */
export class TestClient {
  readonly remoteAddress: string;
  private readonly jar = new Map<string, string>();
  /** Set to authenticate with an Authorization header instead of (or as well as) cookies. */
  bearer: string | null = null;
  /** The Set-Cookie values of the last response, parsed. */
  lastSetCookies: SetCookie[] = [];

  constructor(
    private readonly app: NestFastifyApplication,
    options: TestClientOptions = {},
  ) {
    this.remoteAddress = options.remoteAddress ?? randomLoopbackAddress();
  }

  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }

  setCookie(name: string, value: string): void {
    this.jar.set(name, value);
  }

  clearCookies(): void {
    this.jar.clear();
  }

  /** Sends any payload to /graphql (for tests of the transport itself). */
  async raw(
    payload: string | object,
    options: RequestOptions & { contentType?: string } = {},
  ): Promise<{ statusCode: number; body: string; headers: Record<string, string | string[] | number | undefined>; json: () => unknown }> {
    const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json', ...this.authHeaders(options), ...options.headers };
    const response = await this.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'POST',
        url: '/graphql',
        headers,
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
        remoteAddress: this.remoteAddress,
      });
    this.storeCookies(response.cookies as SetCookie[]);
    return { statusCode: response.statusCode, body: response.body, headers: response.headers, json: () => JSON.parse(response.body) };
  }

  async gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, options: RequestOptions = {}): Promise<GqlResult<T>> {
    const response = await this.raw({ query, variables }, options);
    const parsed = response.json() as { data?: T | null; errors?: GraphQLErrorShape[] };
    return { data: parsed.data ?? null, errors: parsed.errors, statusCode: response.statusCode, body: response.body };
  }

  /** A GET with the jar's cookies, as a browser would send them. */
  async get(url: string, options: RequestOptions = {}): Promise<{ statusCode: number; body: string; rawBody: Buffer; headers: Record<string, unknown> }> {
    const response = await this.app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'GET', url, remoteAddress: this.remoteAddress, headers: { ...this.authHeaders(options), ...options.headers } });
    return { statusCode: response.statusCode, body: response.body, rawBody: response.rawPayload, headers: response.headers };
  }

  /** Signs in and returns the GraphQL result; the cookies land in the jar. */
  login(email: string, password: string): Promise<GqlResult<{ login: { viewer: { id: string; tenantId: string | null; tenantRole: string | null; platformRoles: string[] } } }>> {
    return this.gql(`mutation Login($input: LoginInput!) { login(input: $input) { viewer { id tenantId tenantRole platformRoles } } }`, { input: { email, password } });
  }

  private authHeaders(options: RequestOptions): Record<string, string> {
    const headers: Record<string, string> = {};
    if (options.cookies !== false && this.jar.size) {
      headers.cookie = [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
      const csrf = this.jar.get('lena_csrf');
      if (options.csrf !== false && csrf) headers['x-csrf-token'] = csrf;
    }
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    return headers;
  }

  private storeCookies(cookies: SetCookie[]): void {
    this.lastSetCookies = cookies;
    for (const cookie of cookies) {
      const expired = cookie.value === '' || cookie.maxAge === 0 || (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now());
      if (expired) this.jar.delete(cookie.name);
      else this.jar.set(cookie.name, cookie.value);
    }
  }
}
