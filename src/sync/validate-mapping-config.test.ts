// Validation and compilation of mapping configurations: shape errors with JSON paths, semantic
// errors (targets, expressions with spans, matching, scoping) — every issue, not the first.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { compileMappings } from './compile-mappings.ts';
import type { AttributeMapping, ScopingFilterGroup } from './mapping-config.ts';
import type { MappingIssue } from './mapping-issue.ts';
import { entraDefaults, userMapping } from './test-support.ts';
import { validateMappingConfig } from './validate-mapping-config.ts';

const fixtures = JSON.parse(
  readFileSync(new URL('./fixtures/invalid-configs.json', import.meta.url), 'utf8'),
) as {
  shape: { name: string; config: unknown; issues: Partial<MappingIssue>[] }[];
  meaning: {
    name: string;
    target?: string;
    attributeMappings: AttributeMapping[];
    scopingFilters?: ScopingFilterGroup[];
    issues: Partial<MappingIssue>[];
  }[];
};

const pick = (issues: MappingIssue[], keys: readonly string[]) =>
  issues.map((issue) =>
    Object.fromEntries(
      keys.filter((k) => k in issue).map((k) => [k, issue[k as keyof MappingIssue]]),
    ),
  );

describe('validateMappingConfig: shape', () => {
  for (const c of fixtures.shape) {
    it(c.name, () => {
      const result = validateMappingConfig(c.config);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.deepEqual(pick(result.issues, ['path', 'message']), c.issues);
      assert.ok(result.issues.every((i) => i.code === 'shape'));
    });
  }
});

describe('validateMappingConfig: meaning', () => {
  for (const c of fixtures.meaning) {
    it(c.name, () => {
      const mapping = userMapping(c.attributeMappings, {
        ...(c.target && { target: c.target }),
        ...(c.scopingFilters && { scopingFilters: c.scopingFilters }),
      });
      const result = validateMappingConfig({ objectMappings: [mapping] });
      assert.equal(result.ok, false);
      if (result.ok) return;
      const keys = Object.keys(Object.assign({}, ...c.issues));
      assert.deepEqual(pick(result.issues, keys), c.issues);
    });
  }
});

describe('validateMappingConfig: valid input', () => {
  it("accepts Entra's default mappings and returns them unchanged", () => {
    const result = validateMappingConfig(structuredClone(entraDefaults));
    assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
    assert.deepEqual(result.value, entraDefaults);
  });

  it('canonicalises operator spellings and stringifies numeric operands', () => {
    const mapping = userMapping(
      [{ type: 'direct', source: 'userPrincipalName', target: 'userName', matchingPrecedence: 1 }],
      {
        scopingFilters: [
          {
            title: 'Engineers',
            clauses: [
              { attribute: 'department', operator: 'not_equals' as never, value: 'Sales' },
              {
                attribute: 'employeeId',
                operator: 'greater than or equals' as never,
                value: 1000000 as never,
              },
              { attribute: 'jobTitle', operator: 'is not null' as never },
            ],
          },
        ],
      },
    );
    const result = validateMappingConfig({ objectMappings: [mapping] });
    assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
    assert.deepEqual(result.value.objectMappings[0]!.scopingFilters![0]!.clauses, [
      { attribute: 'department', operator: 'NOT EQUALS', value: 'Sales' },
      { attribute: 'employeeId', operator: 'Greater_Than_OR_EQUALS', value: '1000000' },
      { attribute: 'jobTitle', operator: 'IS NOT NULL' },
    ]);
  });

  it('reports source attributes the directory does not have, when told which exist', () => {
    const result = validateMappingConfig(
      {
        objectMappings: [
          userMapping([
            { type: 'direct', source: 'mial', target: 'userName', matchingPrecedence: 1 },
          ]),
        ],
      },
      { sourceAttributes: { user: ['mail', 'userPrincipalName'] } },
    );
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(pick(result.issues, ['code', 'message']), [
      { code: 'source', message: 'users have no attribute "mial"' },
    ]);
  });

  it('accepts an extension schema the target schema does not know, as opaque', () => {
    const compiled = compileMappings({
      objectMappings: [
        userMapping([
          {
            type: 'direct',
            source: 'userPrincipalName',
            target: 'userName',
            matchingPrecedence: 1,
          },
          {
            type: 'direct',
            source: 'extensionAttribute1',
            target: 'urn:acme:params:scim:schemas:2.0:User:badge',
          },
        ]),
      ],
    });
    assert.ok(compiled.ok);
    const slot = compiled.value.bySource.user!.attributes[1]!.slot;
    assert.equal(slot.attribute, undefined);
    assert.equal(slot.key, 'urn:acme:params:scim:schemas:2.0:User:badge');
  });

  it('compiles the order of matching attributes by precedence, and what the mappings read', () => {
    const compiled = compileMappings({
      objectMappings: [
        userMapping([
          {
            type: 'direct',
            source: 'mail',
            target: 'emails[type eq "work"].value',
            matchingPrecedence: 2,
          },
          {
            type: 'direct',
            source: 'userPrincipalName',
            target: 'userName',
            matchingPrecedence: 1,
          },
          {
            type: 'expression',
            source: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")',
            target: 'active',
          },
          { type: 'none', target: 'title' },
          { type: 'constant', source: 'Employee', target: 'userType' },
        ]),
      ],
    });
    assert.ok(compiled.ok);
    const users = compiled.value.bySource.user!;
    assert.deepEqual(
      users.matching.map((m) => m.slot.key),
      ['userName', 'emails[type eq "work"].value'],
    );
    assert.equal(users.readsIsSoftDeleted, true);
    assert.deepEqual(users.sourceAttributes, ['mail', 'userPrincipalName']);
    assert.deepEqual(
      users.attributes.map((a) => a.slot.key),
      ['emails[type eq "work"].value', 'userName', 'active', 'userType'],
      'a none mapping without a default value does nothing',
    );
    assert.equal(users.endpoint, '/Users');
  });

  it('refuses two enabled object mappings for one source type', () => {
    const users = userMapping([
      { type: 'direct', source: 'userPrincipalName', target: 'userName', matchingPrecedence: 1 },
    ]);
    const result = compileMappings({ objectMappings: [users, { ...users, name: 'Again' }] });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(pick(result.issues, ['code', 'path']), [
      { code: 'duplicate', path: 'objectMappings[1].source' },
    ]);
  });
});
