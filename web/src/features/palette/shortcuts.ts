// The keyboard shortcuts, and the page conventions they act on (docs/decisions/040-keyboard-shortcuts.md):
// a page marks its create control `data-shortcut="create"` and its search field `data-shortcut="search"`;
// list rows and board cards are the items `j`/`k` move through.

export const createSelector = 'main [data-shortcut="create"]';
export const searchSelector = 'main [data-shortcut="search"]';
/** Rows and cards of the page's lists and boards, in document order. */
export const itemSelector = 'main [data-nav-item], main [data-testid$="-row"], main [data-testid="partner-card"], main [data-testid="claim-card"]';

/** Typing in a field (or an editor) is never a shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
  }
  return target.getAttribute('role') === 'textbox' || target.getAttribute('role') === 'combobox';
}

/** The Monday of this week where the reader is: this week's review. */
export function thisMonday(now = new Date()): string {
  const d = new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

const visible = (el: Element) => el instanceof HTMLElement && el.offsetParent !== null;

export function firstVisible(selector: string): HTMLElement | null {
  return ([...document.querySelectorAll(selector)].find(visible) as HTMLElement | undefined) ?? null;
}

/** Moves the selection to the next (1) or previous (-1) list item and focuses its link. */
export function moveThroughItems(step: 1 | -1) {
  const items = [...document.querySelectorAll<HTMLElement>(itemSelector)].filter(visible);
  if (items.length === 0) return;
  const current = items.findIndex((el) => el.contains(document.activeElement));
  const next = items[current < 0 ? (step === 1 ? 0 : items.length - 1) : Math.min(Math.max(current + step, 0), items.length - 1)]!;
  const target = next.querySelector<HTMLElement>('a[href], button:not([disabled])') ?? next;
  if (target === next && !next.hasAttribute('tabindex')) next.tabIndex = -1;
  target.focus();
  next.scrollIntoView({ block: 'nearest' });
}

/** Clicks (or, for a field, focuses) the page's create control; false when the page has none. */
export function createHere(): boolean {
  const control = firstVisible(createSelector);
  if (!control) return false;
  if (control instanceof HTMLTextAreaElement || control instanceof HTMLInputElement) control.focus();
  else control.click();
  return true;
}

export function focusPageSearch(): boolean {
  const field = firstVisible(searchSelector);
  if (!field) return false;
  field.focus();
  return true;
}

/** The shortcuts as the help sheet and the palette show them. */
export const shortcutList = [
  { keys: ['Ctrl', 'K'], help: 'palette', combo: true },
  { keys: ['g', 'h'], help: 'home', sequence: true },
  { keys: ['g', 'p'], help: 'plan', sequence: true },
  { keys: ['g', 'b'], help: 'board', sequence: true },
  { keys: ['g', 'r'], help: 'review', sequence: true },
  { keys: ['c'], help: 'create' },
  { keys: ['/'], help: 'search' },
  { keys: ['j', 'k'], help: 'move' },
  { keys: ['Enter'], help: 'open' },
  { keys: ['Esc'], help: 'close' },
  { keys: ['?'], help: 'help' },
] as const;
