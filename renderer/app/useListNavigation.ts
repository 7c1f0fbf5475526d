import { useState, type KeyboardEvent } from 'react';

/**
 * Arrow keys move through a result list while focus stays in the search box; Enter chooses. With
 * `enterTakesFirst`, Enter chooses the first result when none is highlighted yet. A new `results`
 * (the search's answer, kept in state) starts the highlight over.
 */
export function useListNavigation<T>(items: T[], choose: (item: T) => void, options: { results: unknown; enterTakesFirst?: boolean }) {
  const [active, setActive] = useState(-1);
  const [seen, setSeen] = useState(options.results);
  if (seen !== options.results) {
    setSeen(options.results);
    setActive(-1);
  }
  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' && items.length) {
      e.preventDefault();
      setActive((i) => (i + 1) % items.length);
    } else if (e.key === 'ArrowUp' && items.length) {
      e.preventDefault();
      setActive((i) => (i <= 0 ? items.length - 1 : i - 1));
    } else if (e.key === 'Enter') {
      const item = items[active >= 0 ? active : options.enterTakesFirst ? 0 : -1];
      if (!item) return;
      e.preventDefault();
      choose(item);
    }
  }
  return { active: items[active] ? active : -1, setActive, onKeyDown };
}
