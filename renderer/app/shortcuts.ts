import type { Area } from './store';

export type ShortcutAction =
  | { kind: 'area'; index: number }
  | { kind: 'search' }
  | { kind: 'language' }
  | { kind: 'help' }
  | { kind: 'outbox' }
  | { kind: 'consultation' };

export interface KeyLike {
  key: string;
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  /** True when focus is in a field where plain keys are text. */
  typing: boolean;
}

/**
 * Global shortcuts. Physical key codes, so they work on Latvian keyboard layouts too; plain keys
 * (`/`, `?`) only when the clerk is not typing in a field.
 */
export function shortcutFor(e: KeyLike): ShortcutAction | null {
  if (e.altKey && !e.ctrlKey && !e.metaKey && /^Digit[1-7]$/u.test(e.code)) return { kind: 'area', index: Number(e.code.slice(5)) - 1 };
  if (e.altKey && !e.ctrlKey && e.code === 'KeyL') return { kind: 'language' };
  if (e.altKey && !e.ctrlKey && e.code === 'KeyS') return { kind: 'outbox' };
  if (e.altKey && !e.ctrlKey && e.code === 'KeyK') return { kind: 'consultation' };
  if (e.key === 'F1') return { kind: 'help' };
  if ((e.ctrlKey || e.metaKey) && e.code === 'KeyK') return { kind: 'search' };
  if (e.typing || e.altKey || e.ctrlKey || e.metaKey) return null;
  if (e.key === '/') return { kind: 'search' };
  if (e.key === '?') return { kind: 'help' };
  return null;
}

export const shortcutList: { keys: string; action: 'areas' | 'search' | 'consultation' | 'newItem' | 'submit' | 'edit' | 'language' | 'outbox' | 'help' | 'escape' }[] = [
  { keys: 'Alt+1 … Alt+7', action: 'areas' },
  { keys: '/ , Ctrl+K', action: 'search' },
  { keys: 'Alt+K', action: 'consultation' },
  { keys: 'Alt+N', action: 'newItem' },
  { keys: 'Ctrl+Enter', action: 'submit' },
  { keys: '↑ ↓, Enter', action: 'edit' },
  { keys: 'Alt+L', action: 'language' },
  { keys: 'Alt+S', action: 'outbox' },
  { keys: 'F1, ?', action: 'help' },
  { keys: 'Esc', action: 'escape' },
];

export function areaAt(visible: Area[], index: number): Area | null {
  return visible[index] ?? null;
}
