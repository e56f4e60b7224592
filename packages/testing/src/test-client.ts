import type { Readable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

export interface TestResponse {
  status: number;
  headers: LightMyRequestResponse['headers'];
  body: any;
  text: string;
  /** The exact bytes (for audio and other binary responses). */
  raw: Buffer;
}

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A browser-like client: keeps its cookies and sends a same-site Origin on writes. */
export class TestClient {
  readonly #http: FastifyInstance;
  readonly #ip: string;
  readonly cookies = new Map<string, string>();

  constructor(http: FastifyInstance, ip: string) {
    this.#http = http;
    this.#ip = ip;
  }

  async request(
    method: Method,
    url: string,
    body?: unknown,
    options: { headers?: Record<string, string>; rawBody?: string | Buffer | Readable } = {},
  ): Promise<TestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    if (method !== 'GET' && method !== 'HEAD' && headers.origin === undefined)
      headers.origin = 'http://localhost:80';
    const inject: InjectOptions = { method, url, headers, remoteAddress: this.#ip };
    if (options.rawBody !== undefined) inject.payload = options.rawBody;
    else if (body !== undefined) {
      inject.payload = JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await this.#http.inject(inject);
    for (const cookie of response.cookies as {
      name: string;
      value: string;
      maxAge?: number;
      expires?: Date;
    }[]) {
      const expired =
        cookie.value === '' ||
        cookie.maxAge === 0 ||
        (cookie.expires && cookie.expires.getTime() < Date.now());
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    let parsed: unknown = null;
    if (String(response.headers['content-type'] ?? '').includes('json') && response.body !== '') {
      parsed = JSON.parse(response.body);
    }
    return {
      status: response.statusCode,
      headers: response.headers,
      body: parsed,
      text: response.body,
      raw: response.rawPayload,
    };
  }

  get = (url: string, options?: { headers?: Record<string, string> }): Promise<TestResponse> =>
    this.request('GET', url, undefined, options);
  post = (
    url: string,
    body?: unknown,
    options?: { headers?: Record<string, string> },
  ): Promise<TestResponse> => this.request('POST', url, body, options);
  patch = (url: string, body?: unknown): Promise<TestResponse> => this.request('PATCH', url, body);
  put = (url: string, body?: unknown): Promise<TestResponse> => this.request('PUT', url, body);
  delete = (url: string, body?: unknown): Promise<TestResponse> => this.request('DELETE', url, body);

  /** Registers and stays logged in; returns the created profile. */
  async signUp(
    email: string,
    displayName = 'Test Person',
    password = 'a long and quiet river',
  ): Promise<any> {
    const response = await this.post('/api/auth/register', { email, password, displayName });
    if (response.status !== 201) throw new Error(`sign-up failed: ${response.status} ${response.text}`);
    return response.body;
  }
}
