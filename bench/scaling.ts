/**
 * Filter lookup cost against table size: the same `userName eq` query through the store, in a
 * 10,000-user tenant and in a tenant of `big` users, in one database. An index lookup stays flat;
 * a scan grows with the table.
 */
import { createUserSchema, parseFilter } from '../src/scim/index.ts';
import type { Store } from '../src/store/store.ts';
import { seedUsers } from './seed.ts';

const users = createUserSchema();

async function meanLookupMicros(
  store: Store,
  tenantId: string,
  count: number,
  rounds: number,
): Promise<number> {
  const lookup = () => {
    const i = Math.floor(Math.random() * count);
    return store.resources.query(tenantId, 'User', users, {
      filter: parseFilter(`userName eq "scale${i}@bench.test"`),
      startIndex: 1,
      count: 10,
    });
  };
  for (let i = 0; i < 200; i++) await lookup();
  const started = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) {
    const page = await lookup();
    if (page.totalResults !== 1) throw new Error('a scaling lookup did not find its user');
  }
  return Number(process.hrtime.bigint() - started) / 1000 / rounds;
}

export async function measureFilterScaling(store: Store, big: number, log: (line: string) => void) {
  const small = 10_000;
  const smallTenant = await store.tenants.create('scale-small', {});
  const bigTenant = await store.tenants.create('scale-big', {});
  await seedUsers(store, smallTenant.id, 'scale', small);
  const started = Date.now();
  await seedUsers(store, bigTenant.id, 'scale', big, (done) => {
    if (done % 200_000 === 0) log(`  scaling tenant: ${done} users`);
  });
  log(
    `  seeded ${big} users for the scaling check in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const smallMicros = await meanLookupMicros(store, smallTenant.id, small, 3000);
  const bigMicros = await meanLookupMicros(store, bigTenant.id, big, 3000);
  return { small, big, smallMicros, bigMicros };
}
