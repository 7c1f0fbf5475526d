/** Plain-key and Alt shortcuts stay out of the way while the clerk types in a field or a dialog is open. */
export function typingOrInDialog(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('[role="dialog"]') !== null;
}

/** Ctrl+Enter (Cmd+Enter on a Mac keyboard): submit the form the focus is in, as on the desk. */
export function isCtrlEnter(e: { key: string; ctrlKey: boolean; metaKey: boolean }): boolean {
  return e.key === 'Enter' && (e.ctrlKey || e.metaKey);
}
