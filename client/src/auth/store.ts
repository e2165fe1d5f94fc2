import { authApi, type UserSummary } from '@autonomic/api';
import { create } from 'zustand';
import { api, setCsrfToken } from '../api/client';

export type { Role } from '@autonomic/api';
/** The signed-in user, as `/auth/me` names them. */
export type User = UserSummary;

interface AuthState {
  user: User | null;
  /** `loading` until /auth/me has answered once. */
  status: 'loading' | 'signed-in' | 'signed-out';
  restore(): Promise<void>;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

export const useAuth = create<AuthState>((set) => ({
  user: null,
  status: 'loading',
  async restore() {
    try {
      const s = await api(authApi.me);
      setCsrfToken(s.csrfToken);
      set({ user: s.user, status: 'signed-in' });
    } catch {
      set({ user: null, status: 'signed-out' });
    }
  },
  async login(username, password) {
    const s = await api(authApi.login, { body: { username, password } });
    setCsrfToken(s.csrfToken);
    set({ user: s.user, status: 'signed-in' });
  },
  async logout() {
    await api(authApi.logout);
    setCsrfToken(null);
    set({ user: null, status: 'signed-out' });
  },
}));
