import {
  createContext,
  ReactNode,
  useCallback,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
} from 'react';
import type { Action, Principal } from '../../../../libs/domain/src/authorization';
import { can } from '../../../../libs/domain/src/authorization';
import { api, ApiRefusal, unwrap } from '../api/client';
import { session } from './session-store';

// Who is signed in, from GET /auth/me. Screens ask `may(action)` with the same table the API's
// guard reads (libs/domain/src/authorization.ts), so a button shown is a button the API allows
// at role level; the API still decides for each measure, and its refusal is shown as it is.
interface Me {
  readonly principal: Principal;
  readonly account: { readonly email: string; readonly displayName?: string | null } | null;
}

interface SessionState {
  readonly me: Me | null;
  readonly loading: boolean;
  signIn(email: string, password: string): Promise<void>;
  // The first admin, with the one-time setup token the API wrote at boot (docs/security.md).
  setUp(body: { setupToken: string; email: string; password: string; displayName: string }): Promise<void>;
  signOut(): Promise<void>;
  may(action: Action): boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const signedIn = useSyncExternalStore(session.subscribe, session.signedIn);
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(signedIn);

  useEffect(() => {
    if (!signedIn) {
      setMe(null);
      setLoading(false);
      return;
    }
    let live = true;
    setLoading(true);
    unwrap<Me>(api.GET('/auth/me'))
      .then((m) => live && setMe(m))
      .catch(() => live && setMe(null))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [signedIn]);

  const signIn = useCallback(async (email: string, password: string) => {
    const tokens = await unwrap<{ accessToken: string; refreshToken: string }>(
      api.POST('/auth/login', { body: { email, password } as never }),
    );
    session.set({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken });
  }, []);
  const setUp = useCallback(
    async (body: { setupToken: string; email: string; password: string; displayName: string }) => {
      const tokens = await unwrap<{ accessToken: string; refreshToken: string }>(
        api.POST('/auth/setup', { body: body as never }),
      );
      session.set({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken });
    },
    [],
  );
  const signOut = useCallback(() => session.signOut(), []);
  const may = useCallback((action: Action) => (me ? can(me.principal, action) : false), [me]);

  return (
    <SessionContext.Provider value={{ me, loading, signIn, setUp, signOut, may }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

export { ApiRefusal };
