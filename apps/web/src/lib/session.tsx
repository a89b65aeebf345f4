import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useEagerQuery } from './eager-query';
import { api, ApiError, type Me } from './api';

/** The signed-in user (null when signed out) and the unit chosen in the header's unit picker. */
interface Session {
  me: Me;
  unitCode: string;
  setUnitCode(code: string): void;
  can(action: string): boolean;
}

const SessionContext = createContext<Session | null>(null);

export function useMeQuery() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async (): Promise<Me | null> => {
      try {
        const { data } = await api.GET('/api/auth/me');
        return data ?? null;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: Infinity,
  });
}

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  const storageKey = `cchc.unit.${me.username}`;
  const [unitCode, setUnit] = useState(() => localStorage.getItem(storageKey) ?? (me.scope === 'province' ? me.provinceCode : me.unitCode));
  const value = useMemo<Session>(
    () => ({
      me,
      unitCode: me.scope === 'province' ? unitCode : me.unitCode,
      setUnitCode(code) {
        localStorage.setItem(storageKey, code);
        setUnit(code);
      },
      can: (action) => me.abilities[action] === true,
    }),
    [me, unitCode, storageKey],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The departments, agencies and communes of the deployment's province (cached for every page). */
export function useProvinceUnits() {
  const { me } = useSession();
  return useEagerQuery({
    queryKey: ['units', 'children', me.provinceCode],
    queryFn: async () => (await api.GET('/api/units', { params: { query: { parent: me.provinceCode } } })).data ?? [],
    staleTime: 5 * 60_000,
  });
}
