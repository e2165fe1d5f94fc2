import { create } from 'zustand';
import { api, setCsrfToken } from '../api/client';

export type Role = 'analyst' | 'reviewer' | 'manager' | 'admin';
export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}
interface Session {
  user: User;
  csrfToken: string | null;
}

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
      const s = await api<Session>('/auth/me');
      setCsrfToken(s.csrfToken);
      set({ user: s.user, status: 'signed-in' });
    } catch {
      set({ user: null, status: 'signed-out' });
    }
  },
  async login(username, password) {
    const s = await api<Session>('/auth/login', { method: 'POST', body: { username, password } });
    setCsrfToken(s.csrfToken);
    set({ user: s.user, status: 'signed-in' });
  },
  async logout() {
    await api('/auth/logout', { method: 'POST' });
    setCsrfToken(null);
    set({ user: null, status: 'signed-out' });
  },
}));
