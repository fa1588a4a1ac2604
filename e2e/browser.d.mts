export function findChromium(env?: Record<string, string | undefined>): { path: string; source: string } | { error: string };
