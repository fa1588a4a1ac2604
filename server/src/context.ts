import type { Database } from './db/database.js';
import { localToday } from './lib/dates.js';

export interface AppServices {
  db: Database;
  /** Today's date; tests pin it. */
  today: () => string;
}

export interface Context extends AppServices {
  requestId: string;
}

export function createContext(services: AppServices, requestId: string): Context {
  return { ...services, requestId };
}

export const systemToday = () => localToday();
