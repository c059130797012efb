// Deprovisioning decisions (Entra how-provisioning-works.md § Deprovisioning) and the
// accidental-deletion threshold (accidental-deletions.md).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDeletionThreshold } from './deletion-threshold.ts';
import { type DeprovisionState, planDeprovision } from './plan-deprovision.ts';
import { compileUsers, defaultGroups, defaultUsers } from './test-support.ts';

const live: DeprovisionState = {
  linked: true,
  assigned: true,
  inScope: true,
  disabled: false,
  softDeleted: false,
  purged: false,
};

describe('planDeprovision', () => {
  const users = defaultUsers();
  const noDelete = compileUsers(
    [
      { type: 'direct', source: 'userPrincipalName', target: 'userName', matchingPrecedence: 1 },
      { type: 'expression', source: 'Not([IsSoftDeleted])', target: 'active' },
    ],
    { actions: ['create', 'update'] },
  );
  const noUpdate = compileUsers(
    [
      { type: 'direct', source: 'userPrincipalName', target: 'userName', matchingPrecedence: 1 },
      { type: 'expression', source: 'Not([IsSoftDeleted])', target: 'active' },
    ],
    { actions: ['create', 'delete'] },
  );
  const noSoftDelete = compileUsers([
    { type: 'direct', source: 'userPrincipalName', target: 'userName', matchingPrecedence: 1 },
  ]);

  const cases: [
    string,
    Partial<DeprovisionState>,
    ReturnType<typeof defaultUsers>,
    object,
    unknown,
  ][] = [
    ['active, assigned, in scope: provision', {}, users, {}, { kind: 'provision' }],
    [
      'unassigned: disable',
      { assigned: false },
      users,
      {},
      { kind: 'disable', reason: 'unassigned' },
    ],
    [
      'out of scope: disable',
      { inScope: false },
      users,
      {},
      { kind: 'disable', reason: 'outOfScope' },
    ],
    [
      'disabled in the directory: disable',
      { disabled: true },
      users,
      {},
      { kind: 'disable', reason: 'disabled' },
    ],
    [
      'soft-deleted: disable',
      { softDeleted: true, assigned: false },
      users,
      {},
      { kind: 'disable', reason: 'softDeleted' },
    ],
    ['purged: delete', { purged: true }, users, {}, { kind: 'delete', reason: 'purged' }],
    [
      'purged without the Delete action: skip',
      { purged: true },
      noDelete,
      {},
      { kind: 'skip', reason: 'purged', skip: 'deleteActionDisabled' },
    ],
    [
      'skip out of scope deletions: unassigned is left alone',
      { assigned: false },
      users,
      { skipOutOfScopeDeletions: true },
      { kind: 'skip', reason: 'unassigned', skip: 'skipOutOfScopeDeletions' },
    ],
    [
      'skip out of scope deletions: out of scope is left alone',
      { inScope: false },
      users,
      { skipOutOfScopeDeletions: true },
      { kind: 'skip', reason: 'outOfScope', skip: 'skipOutOfScopeDeletions' },
    ],
    [
      'skip out of scope deletions does not cover soft delete',
      { softDeleted: true },
      users,
      { skipOutOfScopeDeletions: true },
      { kind: 'disable', reason: 'softDeleted' },
    ],
    [
      'skip out of scope deletions does not cover purge',
      { purged: true },
      users,
      { skipOutOfScopeDeletions: true },
      { kind: 'delete', reason: 'purged' },
    ],
    [
      'a disable is an update: Update action off → skip',
      { assigned: false },
      noUpdate,
      {},
      { kind: 'skip', reason: 'unassigned', skip: 'updateActionDisabled' },
    ],
    [
      'no mapping reads IsSoftDeleted: users are left alone',
      { assigned: false },
      noSoftDelete,
      {},
      { kind: 'skip', reason: 'unassigned', skip: 'noSoftDeleteMapping' },
    ],
    [
      'groups have no active: an unassigned group is deleted',
      { assigned: false },
      defaultGroups(),
      {},
      { kind: 'delete', reason: 'unassigned' },
    ],
    [
      'never provisioned and purged: forget',
      { linked: false, purged: true },
      users,
      {},
      { kind: 'forget', reason: 'purged' },
    ],
    [
      'never provisioned and disabled: not created',
      { linked: false, disabled: true },
      users,
      {},
      { kind: 'skip', reason: 'disabled', skip: 'notProvisioned' },
    ],
    [
      'never provisioned, now in scope: provision',
      { linked: false },
      users,
      {},
      { kind: 'provision' },
    ],
  ];
  for (const [name, state, mapping, options, expected] of cases) {
    it(name, () => {
      assert.deepEqual(planDeprovision({ ...live, ...state }, mapping, options), expected);
    });
  }
});

describe('checkDeletionThreshold', () => {
  const cases: [string, { disables: number; deletes: number }, object, boolean][] = [
    ['under the default 500', { disables: 300, deletes: 200 }, {}, true],
    ['over the default 500: TooManyDeletes', { disables: 300, deletes: 201 }, {}, false],
    ['a custom threshold', { disables: 3, deletes: 0 }, { threshold: 2 }, false],
    ['an admin allowed the deletes', { disables: 3000, deletes: 0 }, { allowDeletes: true }, true],
    ['threshold 0 turns the check off', { disables: 3000, deletes: 0 }, { threshold: 0 }, true],
  ];
  for (const [name, counts, options, proceed] of cases) {
    it(name, () => {
      const check = checkDeletionThreshold(counts, options);
      assert.equal(check.proceed, proceed);
      assert.equal(check.count, counts.disables + counts.deletes);
      if (!check.proceed) assert.equal(check.reason, 'TooManyDeletes');
    });
  }
});
