// Matching (Entra how-provisioning-works.md): candidates in precedence order as filter ASTs,
// nulls and defaults skipped; 0 hits → create, 1 → link, more → DuplicateTargetEntries.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFilter, stringifyFilter } from '../scim/index.ts';
import { exportObject } from './export-object.ts';
import { decideMatch, type MatchCandidate, planMatch } from './plan-match.ts';
import { compileUsers } from './test-support.ts';

const now = new Date('2026-03-01T00:00:00Z');
const users = compileUsers([
  { type: 'direct', source: 'mailNickname', target: 'externalId', matchingPrecedence: 3 },
  { type: 'direct', source: 'userPrincipalName', target: 'userName', matchingPrecedence: 1 },
  { type: 'direct', source: 'mail', target: 'emails[type eq "work"].value', matchingPrecedence: 2 },
  {
    type: 'direct',
    source: 'employeeId',
    target: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber',
    matchingPrecedence: 4,
    defaultValue: '0000',
  },
  { type: 'direct', source: 'givenName', target: 'name.givenName', matchingPrecedence: 5 },
]);

const texts = (candidates: MatchCandidate[]) => candidates.map((c) => stringifyFilter(c.filter));

describe('planMatch', () => {
  it('one filter per matching attribute, in precedence order, RFC valuePath for elements', () => {
    const exported = exportObject(
      {
        userPrincipalName: 'ann@contoso.test',
        mail: 'ann+x@contoso.test',
        mailNickname: 'ann "the" lee',
        employeeId: '7',
        givenName: 'Ann',
      },
      users,
      { mode: 'create', now },
    );
    const candidates = planMatch(exported, users);
    assert.deepEqual(texts(candidates), [
      'userName eq "ann@contoso.test"',
      'emails[type eq "work" and value eq "ann+x@contoso.test"]',
      'externalId eq "ann \\"the\\" lee"',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "7"',
      'name.givenName eq "Ann"',
    ]);
    assert.deepEqual(
      candidates.map((c) => c.precedence),
      [1, 2, 3, 4, 5],
    );
    for (const c of candidates) {
      assert.deepEqual(parseFilter(stringifyFilter(c.filter)), c.filter, 'the text round-trips');
    }
  });

  it('skips a matching attribute without a value, and one holding only its default', () => {
    const exported = exportObject({ mail: 'bo@contoso.test' }, users, { mode: 'create', now });
    assert.deepEqual(texts(planMatch(exported, users)), [
      'emails[type eq "work" and value eq "bo@contoso.test"]',
    ]);
  });

  it('no value at all: no candidates', () => {
    const exported = exportObject({}, users, { mode: 'create', now });
    assert.deepEqual(planMatch(exported, users), []);
    assert.deepEqual(decideMatch([]), { kind: 'noCandidates' });
  });
});

describe('decideMatch', () => {
  const exported = exportObject(
    { userPrincipalName: 'ann@contoso.test', mail: 'ann@contoso.test' },
    users,
    { mode: 'create', now },
  );
  const [byName, byMail] = planMatch(exported, users);

  const cases: {
    name: string;
    results: { candidate: MatchCandidate; ids: string[]; totalResults?: number }[];
    kind: string;
    id?: string;
    decidedBy?: MatchCandidate;
  }[] = [
    {
      name: 'nothing anywhere: create',
      results: [
        { candidate: byName!, ids: [] },
        { candidate: byMail!, ids: [] },
      ],
      kind: 'create',
    },
    {
      name: 'first candidate finds one: link',
      results: [{ candidate: byName!, ids: ['t-1'] }],
      kind: 'link',
      id: 't-1',
      decidedBy: byName,
    },
    {
      name: 'first finds none, second one: link by the second',
      results: [
        { candidate: byName!, ids: [] },
        { candidate: byMail!, ids: ['t-2'] },
      ],
      kind: 'link',
      id: 't-2',
      decidedBy: byMail,
    },
    {
      name: 'two hits: DuplicateTargetEntries',
      results: [{ candidate: byName!, ids: ['t-1', 't-2'] }],
      kind: 'duplicate',
      decidedBy: byName,
    },
    {
      name: 'one id returned but totalResults says more: duplicate',
      results: [{ candidate: byName!, ids: ['t-1'], totalResults: 3 }],
      kind: 'duplicate',
      decidedBy: byName,
    },
    {
      name: 'the first hit wins even if a later candidate would differ',
      results: [
        { candidate: byName!, ids: ['t-1'] },
        { candidate: byMail!, ids: ['t-2', 't-3'] },
      ],
      kind: 'link',
      id: 't-1',
      decidedBy: byName,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const decision = decideMatch(c.results);
      assert.equal(decision.kind, c.kind);
      if (decision.kind === 'link') assert.equal(decision.id, c.id);
      if (decision.kind === 'link' || decision.kind === 'duplicate') {
        assert.equal(decision.candidate, c.decidedBy);
      }
    });
  }
});
