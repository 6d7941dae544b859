// The sign-in of this browser tab: tokens in sessionStorage (gone when the tab closes), refreshed
// before use when the API answers 401. One refresh at a time: a refresh token is spent when used.
export interface Tokens {
  readonly accessToken: string;
  readonly refreshToken: string;
}

const KEY = 'rectify.session';
const listeners = new Set<() => void>();
let refreshing: Promise<string | null> | null = null;

function read(): Tokens | null {
  const raw = sessionStorage.getItem(KEY);
  return raw ? (JSON.parse(raw) as Tokens) : null;
}

function write(tokens: Tokens | null): void {
  if (tokens) sessionStorage.setItem(KEY, JSON.stringify(tokens));
  else sessionStorage.removeItem(KEY);
  for (const l of listeners) l();
}

function base(): string {
  return `${location.origin}${location.pathname.replace(/\/[^/]*$/, '')}`;
}

export const session = {
  accessToken: () => read()?.accessToken ?? null,
  refreshToken: () => read()?.refreshToken ?? null,
  signedIn: () => read() !== null,
  set: (tokens: Tokens) => write(tokens),
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  refresh(): Promise<string | null> {
    refreshing ??= (async () => {
      const refreshToken = read()?.refreshToken;
      if (!refreshToken) return null;
      const res = await fetch(`${base()}/auth/refresh`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
      if (!res.ok) {
        write(null);
        return null;
      }
      const body = (await res.json()) as Tokens;
      write({ accessToken: body.accessToken, refreshToken: body.refreshToken });
      return body.accessToken;
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  },
  async signOut(): Promise<void> {
    const refreshToken = read()?.refreshToken;
    write(null);
    if (refreshToken)
      await fetch(`${base()}/auth/logout`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      }).catch(() => undefined);
  },
};
