/**
 * The gallery, enterprise apps and assignments over HTTP (the tutorial's "Add Wrike from the
 * gallery" and "Assign users to Wrike"). Reading needs any identity role; adding, renaming and
 * deleting apps and changing assignments need manageApps (Cloud Application Administrator).
 *
 * Example: POST /api/v1/apps/Wrike/assignments {"principalType":"user","principalId":"ann@contoso.test","role":"User"}
 */
import type { Hono } from 'hono';
import { ApiError } from './api-error.ts';
import { type IdentityAuthDeps, type IdentityEnv, identityGuard } from './identity-auth.ts';
import { appBody, appPatchBody, assignmentBody } from './identity-schemas.ts';
import { readBody } from './read-body.ts';

export function registerAppRoutes(routes: Hono<IdentityEnv>, deps: IdentityAuthDeps): void {
  const { directory } = deps;
  const { apps, assignments, gallery } = directory;
  const read = identityGuard(deps, 'read');
  const write = identityGuard(deps, 'manageApps');

  routes.get('/gallery', read, (c) =>
    c.json({
      templates: gallery.list().map(({ id, name, publisher, description, logo }) => ({
        id,
        name,
        publisher,
        description,
        logo,
      })),
    }),
  );
  routes.get('/gallery/:id', read, (c) => {
    const template = gallery.get(c.req.param('id'));
    if (!template)
      throw new ApiError(
        404,
        'notFound',
        `there is no gallery template ${JSON.stringify(c.req.param('id'))}`,
        'id',
      );
    return c.json(template);
  });

  routes.get('/apps', read, async (c) => c.json({ apps: await apps.list() }));
  routes.post('/apps', write, async (c) => {
    const app = await apps.add(await readBody(c, appBody));
    c.header('Location', `/api/v1/apps/${app.id}`);
    return c.json(app, 201);
  });
  routes.get('/apps/:app', read, async (c) => c.json(await apps.get(c.req.param('app'))));
  routes.patch('/apps/:app', write, async (c) =>
    c.json(await apps.rename(c.req.param('app'), (await readBody(c, appPatchBody)).name)),
  );
  routes.delete('/apps/:app', write, async (c) => {
    await apps.delete(c.req.param('app'));
    return c.body(null, 204);
  });
  routes.get('/apps/:app/roles', read, async (c) =>
    c.json({ roles: await apps.roles(c.req.param('app')) }),
  );

  routes.get('/apps/:app/assignments', read, async (c) =>
    c.json({ assignments: await assignments.list(c.req.param('app')) }),
  );
  routes.post('/apps/:app/assignments', write, async (c) => {
    const body = await readBody(c, assignmentBody);
    const assigned = await assignments.assign(c.req.param('app'), {
      principalType: body.principalType,
      principal: body.principalId,
      role: body.role,
    });
    return c.json(assigned, 201);
  });
  routes.delete('/apps/:app/assignments/:id', write, async (c) => {
    await assignments.unassign(c.req.param('app'), c.req.param('id'));
    return c.body(null, 204);
  });
  routes.get('/apps/:app/provisioning-scope', read, async (c) =>
    c.json(await assignments.provisioningScope(c.req.param('app'))),
  );
}
