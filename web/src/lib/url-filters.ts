import { useDebouncedCallback } from '@mantine/hooks';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';

/** A list's filters that are set, as its query's input: unset and empty ones are left out, not sent. */
export function setFiltersOnly<T extends Record<string, string | undefined>>(filters: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/**
 * A list's filters, kept in the URL search (validated by the route) so a filtered list can be shared
 * by link. `setSearch` patches the search, replacing the history entry. The search box (`q`, `setQ`)
 * shows each keystroke at once and writes `q` to the URL when typing pauses. `filtered` says whether
 * any of `filterKeys` is set; `clearFilters` unsets them all, the search box included.
 */
export function useUrlFilters<S extends { q?: string }>(search: S, filterKeys: readonly (keyof S)[]) {
  const navigate = useNavigate();
  const setSearch = (patch: Partial<S>) => void navigate({ to: '.', search: (prev) => ({ ...prev, ...patch }), replace: true });
  const [q, setBox] = useState(search.q ?? '');
  const writeQ = useDebouncedCallback((value: string) => setSearch({ q: value || undefined } as Partial<S>), 300);
  const setQ = (value: string) => {
    setBox(value);
    writeQ(value);
  };
  const filtered = filterKeys.some((key) => Boolean(search[key]));
  const clearFilters = () => {
    setBox('');
    setSearch(Object.fromEntries(filterKeys.map((key) => [key, undefined])) as Partial<S>);
  };
  return { setSearch, q, setQ, filtered, clearFilters };
}
