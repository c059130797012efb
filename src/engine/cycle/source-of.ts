/**
 * The source object a cycle exports for a directory record: the record's attributes
 * (source-objects.ts) and, for users whose mapping reads [appRoleAssignments], the app roles
 * that reach them — directly or through an assigned group — from the cycle's assignment scope.
 * Every pass that exports a user (page, reference pass, disable) goes through here, so none
 * exports a user without its roles.
 *
 * Example: const source = await sourceOf(context, users, 'user', record);  // source.appRoleAssignments → [{ value: 'Admin', … }]
 */
import type {
  DirectoryGroupRecord,
  DirectoryUserRecord,
  ProvisioningObjectType,
} from '../../store/store.ts';
import type { CompiledObjectMapping, SourceObject } from '../../sync/index.ts';
import { appRoleAssignmentsOf, groupSource, readsAppRoles, userSource } from '../source-objects.ts';
import type { CycleContext } from './cycle-context.ts';

export async function sourceOf(
  context: Pick<CycleContext, 'scope'>,
  mapping: CompiledObjectMapping,
  type: ProvisioningObjectType,
  record: DirectoryUserRecord | DirectoryGroupRecord,
): Promise<SourceObject> {
  if (type === 'group') return groupSource(record as DirectoryGroupRecord);
  const source = userSource(record as DirectoryUserRecord);
  if (!readsAppRoles(mapping.sourceAttributes)) return source;
  const assignments = await context.scope.assignmentsOf(record.id);
  return { ...source, appRoleAssignments: appRoleAssignmentsOf(assignments) };
}
