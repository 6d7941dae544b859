import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { session } from '../auth/session-store';

// The API's own address: the page is served by the API, possibly under a proxy's prefix.
export const API_BASE = `${location.origin}${location.pathname.replace(/\/[^/]*$/, '')}`;

// Every call carries the access token; a 401 refreshes the session once (one refresh for all
// the calls that failed together) and repeats the call; a failed refresh signs out.
async function authFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  const first = await fetch(withToken(input, session.accessToken()));
  if (first.status !== 401 || !session.refreshToken()) return first;
  const token = await session.refresh();
  if (!token) return first;
  return fetch(withToken(retry, token));
}

function withToken(request: Request, token: string | null): Request {
  if (!token) return request;
  const headers = new Headers(request.headers);
  headers.set('Authorization', `Bearer ${token}`);
  return new Request(request, { headers });
}

// Typed from the OpenAPI document the API serves (schema.d.ts is generated: docs/development.md).
export const api = createClient<paths>({ baseUrl: API_BASE, fetch: authFetch });

// For what the typed client does not carry: file downloads and uploads of raw bytes.
export function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  return authFetch(new Request(`${API_BASE}${path}`, init));
}

// The API's error body: a code mapped to the status in one place on the server, and a message.
export interface ApiError {
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
}

export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiError,
  ) {
    super(`${error.code}: ${error.message}`);
  }
}

// The body of a successful answer, typed by the caller: the API documents its requests, not yet
// its answers, so screens name the fields they read (src/api/views.ts).
export async function unwrap<T>(
  call: Promise<{ data?: unknown; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    const e = (error ?? {}) as Partial<ApiError>;
    throw new ApiRefusal(response.status, {
      code: e.code ?? `HTTP_${response.status}`,
      message: e.message ?? response.statusText,
      details: e.details,
    });
  }
  return data as T;
}
