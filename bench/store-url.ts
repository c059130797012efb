// Opens a store from a bench "store URL": `sqlite:<file>` or a postgres:// connection string.
import { openPostgresStore } from '../src/store/postgres/index.ts';
import { openSqliteStore } from '../src/store/sqlite/index.ts';
import type { Store } from '../src/store/store.ts';

export async function openStore(url: string, options: { migrate?: boolean } = {}): Promise<Store> {
  if (url.startsWith('sqlite:')) return openSqliteStore({ location: url.slice('sqlite:'.length) });
  return openPostgresStore({ connectionString: url, poolSize: 20, ...options });
}
