// Seeds one bench tenant: N users, spare users for member additions, one group holding all N.
import { createGroupSchema, createUserSchema } from '../src/scim/index.ts';
import { mintSecretToken } from '../src/scim-server/index.ts';
import type { Store } from '../src/store/store.ts';

export interface Seeded {
  tenant: string;
  token: string;
  userIds: string[];
  spareIds: string[];
  groupId: string;
}

const users = createUserSchema();
const groups = createGroupSchema();

export function benchUser(prefix: string, i: number) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: `${prefix}${i}@bench.test`,
    externalId: `${prefix}-ext-${i}`,
    name: { givenName: `Given${i}`, familyName: `Family${i % 1000}` },
    displayName: `Bench User ${i}`,
    emails: [{ type: 'work', value: `${prefix}${i}@bench.test`, primary: true }],
    active: true,
  };
}

/** Creates `count` users in batches; returns their ids in order. */
export async function seedUsers(
  store: Store,
  tenantId: string,
  prefix: string,
  count: number,
  onProgress?: (done: number) => void,
) {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 2000) {
    const batch = Array.from({ length: Math.min(2000, count - i) }, (_, j) =>
      benchUser(prefix, i + j),
    );
    for (const record of await store.resources.createMany(tenantId, 'User', batch, users))
      ids.push(record.id);
    onProgress?.(ids.length);
  }
  return ids;
}

export async function seedTenant(
  store: Store,
  name: string,
  count: number,
  spare: number,
  log: (line: string) => void,
): Promise<Seeded> {
  const tenant = await store.tenants.create(name, {});
  const minted = mintSecretToken();
  await store.tokens.create(tenant.id, minted.prefix, minted.hash);
  const started = Date.now();
  const userIds = await seedUsers(store, tenant.id, 'user', count, (done) => {
    if (done % 20000 === 0) log(`  seeded ${done} users`);
  });
  const spareIds = await seedUsers(store, tenant.id, 'spare', spare);
  const group = await store.resources.create(
    tenant.id,
    'Group',
    { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Everyone' },
    groups,
  );
  for (let i = 0; i < userIds.length; i += 5000) {
    await store.resources.changeMembers(tenant.id, group.id, { add: userIds.slice(i, i + 5000) });
  }
  log(
    `  seeded ${count + spare} users and a ${count}-member group in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return { tenant: name, token: minted.token, userIds, spareIds, groupId: group.id };
}
