import { webTokenParam, type LeteBridge, type LeteClient } from '../../preload/contract';
import { createBridgeClient } from './bridge-client';
import { createWsClient, type LinkState } from './ws-client';

const TOKEN_KEY = 'lete.token';

/**
 * Browser mode's launch token arrives in the URL fragment; it is kept for this tab only and taken
 * out of the address bar so it is not bookmarked, shared or shown on screen.
 */
function takeToken(): string {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const fromUrl = fragment.get(webTokenParam);
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** Electron when the preload's bridge is present, otherwise the browser-mode WebSocket. */
export function connect(onLinkState: (state: LinkState) => void): LeteClient {
  const bridge = (window as unknown as { lete?: LeteBridge }).lete;
  if (bridge) {
    onLinkState('connected');
    return createBridgeClient(bridge);
  }
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const url = `${scheme}://${location.host}/rpc?${webTokenParam}=${encodeURIComponent(takeToken())}`;
  return createWsClient({ url, createSocket: (u) => new WebSocket(u), onLinkState });
}
