import { describe, expect, it } from 'vitest';
import { searchTemplates } from './identity/gallery-page.tsx';
import { matchPath } from './router.tsx';

describe('matchPath', () => {
  it.each([
    ['/app/:tenant/users', '/app/acme/users', {}, { tenant: 'acme' }],
    ['/app/:tenant/users', '/app/acme/users/', {}, { tenant: 'acme' }],
    ['/app/:tenant', '/app/acme%20co/integrations/scim', { prefix: true }, { tenant: 'acme co' }],
    ['/app/:tenant', '/app/acme/integrations', {}, null],
    ['/identity/users/:id', '/identity/groups/1', {}, null],
    ['/identity/users/:id', '/identity/users/%E0%A4%A', {}, null],
  ])('%s against %s', (pattern, path, options, want) => {
    expect(matchPath(pattern, path, options)).toEqual(want);
  });
});

describe('searchTemplates (the gallery search)', () => {
  const templates = [
    {
      id: 'wrike',
      name: 'Wrike',
      publisher: 'Wrike, Inc.',
      description: 'Work management',
      logo: '',
    },
    {
      id: 'generic-scim',
      name: 'Generic SCIM 2.0',
      publisher: 'Roster',
      description: 'Any application with a SCIM 2.0 endpoint',
      logo: '',
    },
  ];
  it.each([
    ['', ['wrike', 'generic-scim']],
    ['WRI', ['wrike']],
    ['scim', ['generic-scim']],
    ['work management', ['wrike']],
    ['slack', []],
  ])('%j finds %j', (search, ids) => {
    expect(searchTemplates(templates, search).map((t) => t.id)).toEqual(ids);
  });
});
