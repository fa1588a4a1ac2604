import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

/**
 * Counts the SQL statements each HTTP request sends to the database, for `pnpm bench` (env
 * SQL_STATEMENT_HEADER=1; off by default). The count covers every statement the driver adapter runs:
 * queries, writes, and a transaction's BEGIN (sent inside startTransaction) and COMMIT/ROLLBACK (sent
 * by Prisma as statements on the transaction). It is returned as the `x-sql-statements` header.
 */
export const statementCounter = new AsyncLocalStorage<{ statements: number }>();

const counted = new Set(['queryRaw', 'executeRaw']);

function countCalls<T extends object>(target: T): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value: unknown = Reflect.get(obj, prop, receiver);
      if (typeof value !== 'function') return value;
      if (counted.has(prop as string)) {
        return (...args: unknown[]) => {
          const store = statementCounter.getStore();
          if (store) store.statements += 1;
          return (value as (...a: unknown[]) => unknown).apply(obj, args);
        };
      }
      if (prop === 'startTransaction') {
        return async (...args: unknown[]) => {
          const store = statementCounter.getStore();
          // BEGIN, and SET TRANSACTION when an isolation level is given.
          if (store) store.statements += args[0] ? 2 : 1;
          return countCalls(await (value as (...a: unknown[]) => Promise<object>).apply(obj, args));
        };
      }
      return value.bind(obj);
    },
  });
}

/** The adapter factory with every connection it makes counting its statements. */
export function countingAdapter(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => countCalls(await factory.connect()),
    connectToShadowDb: async () => countCalls(await factory.connectToShadowDb()),
  };
}
