/**
 * The page's end of the live connection: a WebSocket to `npm run broker` (same host, path /live,
 * or the address in `?ws=`), reconnecting every two seconds while the broker is away. Snapshots
 * are checked (parseLiveSnapshot) before use; commands go back as JSON.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { parseLiveSnapshot, type LiveCommand, type LiveSnapshot } from '../broker/live/protocol.ts';

export type LiveStatus = 'connecting' | 'open' | 'closed';

const RETRY_MS = 2000;

/** The WebSocket address: `ws` in the hash's query (ws:// or wss:// only), else this page's host at /live. */
export function liveSocketUrl(loc: Pick<Location, 'protocol' | 'host' | 'hash'>): string {
  const q = loc.hash.includes('?') ? new URLSearchParams(loc.hash.slice(loc.hash.indexOf('?') + 1)) : null;
  const given = q?.get('ws');
  if (given && /^wss?:\/\/[^\s]+$/.test(given)) return given;
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/live`;
}

export function useLiveFeed(url: string) {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [snapshot, setSnapshot] = useState<LiveSnapshot | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const socketRef = useRef<WebSocket | null>(null);

  useEffect(() => {
    let stopped = false;
    let retry: number | undefined;
    const open = () => {
      if (stopped) return;
      setStatus('connecting');
      let ws: WebSocket;
      try {
        ws = new WebSocket(url);
      } catch {
        setStatus('closed');
        retry = window.setTimeout(open, RETRY_MS);
        return;
      }
      socketRef.current = ws;
      ws.onopen = () => setStatus('open');
      ws.onmessage = (e) => {
        const msg = parseLiveSnapshot(typeof e.data === 'string' ? e.data : '');
        if (!msg) return;
        if (msg.type === 'snapshot') setSnapshot(msg);
        else if (msg.type === 'error') setNotice(msg.message ?? 'The broker refused the command.');
        else setNotice(null);
      };
      ws.onclose = () => {
        socketRef.current = null;
        if (stopped) return;
        setStatus('closed');
        retry = window.setTimeout(open, RETRY_MS);
      };
    };
    open();
    return () => {
      stopped = true;
      if (retry !== undefined) window.clearTimeout(retry);
      socketRef.current?.close();
    };
  }, [url]);

  const send = useCallback((cmd: LiveCommand) => {
    const ws = socketRef.current;
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(cmd));
    else setNotice('Not connected to the broker.');
  }, []);

  return { status, snapshot, notice, send };
}
