/**
 * Which userNames of a batch are already taken in a tenant, read on the unique index
 * (tenant_id, kind, user_name_ci): a batch of creates (POST runs of /Bulk) gives a duplicate
 * its own 409 and inserts the rest in one transaction, instead of failing the whole batch.
 *
 * Example: await takenUserNames(context, tenantId, ['bjensen', 'new']) → Set { 'bjensen' }
 */
import type { StoreContext } from './context.ts';

export async function takenUserNames(
  context: StoreContext,
  tenantId: string,
  userNamesCi: readonly string[],
): Promise<Set<string>> {
  const taken = new Set<string>();
  const unique = [...new Set(userNamesCi)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await context.db
      .selectFrom('scim_resources')
      .select('user_name_ci')
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', 'User')
      .where('user_name_ci', 'in', unique.slice(i, i + 500))
      .execute();
    for (const row of rows) if (row.user_name_ci !== null) taken.add(row.user_name_ci);
  }
  return taken;
}
