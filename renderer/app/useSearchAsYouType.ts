import { useEffect, useRef } from 'react';

/**
 * Runs `search` a moment after the clerk stops typing, so a fast typist does not queue a search per
 * keystroke; an answer that arrives after the query changed again is dropped.
 */
export function useSearchAsYouType<R>(query: string, search: (query: string) => Promise<R>, onResult: (result: R) => void, delayMs = 150) {
  // The latest callbacks, without restarting the timer when the screen re-renders.
  const latest = useRef({ search, onResult });
  useEffect(() => {
    latest.current = { search, onResult };
  });
  useEffect(() => {
    if (!query.trim()) return;
    let current = true;
    const timer = setTimeout(async () => {
      const result = await latest.current.search(query);
      if (current) latest.current.onResult(result);
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, delayMs]);
}
