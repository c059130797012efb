/**
 * The directory over HTTP: users and groups (add, list, read, change, soft-delete, restore,
 * purge), members, the change feed, import and the purge job. Reading needs any identity role;
 * changing needs manageDirectory (User Administrator, Global Administrator).
 *
 * Example: POST /api/v1/directory/users {"userPrincipalName":"ann@contoso.test","givenName":"Ann"}
 */
import type { Hono } from 'hono';
import type { ListPage } from '../directory/index.ts';
import { ApiError } from './api-error.ts';
import { type IdentityAuthDeps, type IdentityEnv, identityGuard } from './identity-auth.ts';
import {
  changesQuery,
  directoryListQuery,
  groupBody,
  importQuery,
  membersBody,
  membersQuery,
  userBody,
} from './identity-schemas.ts';
import { readBody, readQuery } from './read-body.ts';

const formats: Record<string, 'csv' | 'json'> = {
  'text/csv': 'csv',
  'application/json': 'json',
  'application/x-ndjson': 'json',
  'application/jsonl': 'json',
};

export function registerDirectoryRoutes(routes: Hono<IdentityEnv>, deps: IdentityAuthDeps): void {
  const { directory } = deps;
  const { users, groups } = directory;
  const read = identityGuard(deps, 'read');
  const write = identityGuard(deps, 'manageDirectory');
  const page = <T>(key: string, { resources, ...rest }: ListPage<T>) => ({
    ...rest,
    [key]: resources,
  });

  routes.get('/directory/users', read, async (c) =>
    c.json(page('users', await users.list(readQuery(c, directoryListQuery)))),
  );
  routes.post('/directory/users', write, async (c) =>
    c.json(await users.add(await readBody(c, userBody)), 201),
  );
  routes.get('/directory/users/:id', read, async (c) => c.json(await users.get(c.req.param('id'))));
  routes.patch('/directory/users/:id', write, async (c) =>
    c.json(await users.update(c.req.param('id'), await readBody(c, userBody))),
  );
  routes.delete('/directory/users/:id', write, async (c) =>
    c.json(await users.delete(c.req.param('id'))),
  );
  routes.post('/directory/users/:id/restore', write, async (c) =>
    c.json(await users.restore(c.req.param('id'))),
  );
  routes.post('/directory/users/:id/purge', write, async (c) => {
    await users.purge(c.req.param('id'));
    return c.body(null, 204);
  });
  routes.get('/directory/users/:id/memberOf', read, async (c) =>
    c.json({ groups: await users.memberOf(c.req.param('id')) }),
  );
  routes.get('/directory/users/:id/assignments', read, async (c) =>
    c.json({
      assignments: await directory.assignments.ofPrincipal(
        (await users.find(c.req.param('id'))).id,
      ),
    }),
  );

  routes.get('/directory/groups', read, async (c) =>
    c.json(page('groups', await groups.list(readQuery(c, directoryListQuery)))),
  );
  routes.post('/directory/groups', write, async (c) =>
    c.json(await groups.add(await readBody(c, groupBody)), 201),
  );
  routes.get('/directory/groups/:id', read, async (c) =>
    c.json(await groups.get(c.req.param('id'))),
  );
  routes.patch('/directory/groups/:id', write, async (c) =>
    c.json(await groups.update(c.req.param('id'), await readBody(c, groupBody))),
  );
  routes.delete('/directory/groups/:id', write, async (c) =>
    c.json(await groups.delete(c.req.param('id'))),
  );
  routes.post('/directory/groups/:id/restore', write, async (c) =>
    c.json(await groups.restore(c.req.param('id'))),
  );
  routes.post('/directory/groups/:id/purge', write, async (c) => {
    await groups.purge(c.req.param('id'));
    return c.body(null, 204);
  });
  routes.get('/directory/groups/:id/members', read, async (c) => {
    const transitive = readQuery(c, membersQuery).transitive === 'true';
    const id = c.req.param('id');
    return c.json({
      members: await (transitive ? groups.transitiveUsers(id) : groups.members(id)),
    });
  });
  routes.post('/directory/groups/:id/members', write, async (c) =>
    c.json(await groups.addMembers(c.req.param('id'), (await readBody(c, membersBody)).members)),
  );
  routes.delete('/directory/groups/:id/members/:member', write, async (c) => {
    const { removed } = await groups.removeMembers(c.req.param('id'), [c.req.param('member')]);
    if (removed.length === 0)
      throw new ApiError(
        404,
        'notFound',
        `${c.req.param('member')} is not a direct member of this group`,
        'member',
      );
    return c.body(null, 204);
  });

  routes.get('/directory/changes', read, async (c) => {
    const { since, limit } = readQuery(c, changesQuery);
    return c.json(await directory.changes.since(since, limit));
  });

  routes.post('/directory/import', write, async (c) => {
    const query = readQuery(c, importQuery);
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const format = query.format ?? formats[type];
    if (!format)
      throw new ApiError(
        415,
        'unsupportedMediaType',
        'send the rows as text/csv, application/json or application/x-ndjson (or say ?format=csv|json)',
      );
    const key = query.key as Parameters<typeof directory.importText>[1]['key'];
    return c.json(await directory.importText(await c.req.text(), { key, format }));
  });

  routes.post('/directory/purge', write, async (c) => c.json(await directory.purgeExpired()));
}
