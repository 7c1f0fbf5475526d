import { createContext, useContext } from 'react';
import { useDispatch, useSelector } from 'react-redux';
import type { LeteClient } from '../../preload/contract';
import type { Dispatch, RootState } from './store';

export const ClientContext = createContext<LeteClient | null>(null);

export function useClient(): LeteClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('ClientContext missing');
  return client;
}

export const useAppDispatch = () => useDispatch<Dispatch>();
export const useApp = <T,>(select: (state: RootState['app']) => T): T => useSelector((s: RootState) => select(s.app));
