import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statementNames } from './preparing-client.ts';

test('a statement text is named from its second use, the same name after', () => {
  const nameFor = statementNames(10);
  const text = 'select "id" from "scim_resources" where "id" = $1';
  assert.equal(nameFor(text), undefined);
  assert.equal(nameFor(text), 'roster_1');
  assert.equal(nameFor(text), 'roster_1');
  assert.equal(nameFor('  WITH x AS (select 1) select * from x'), undefined);
  assert.equal(nameFor('  WITH x AS (select 1) select * from x'), 'roster_2');
});

test('transaction control, settings and DDL are never named', () => {
  const nameFor = statementNames(10);
  for (const text of ['begin', 'commit', 'rollback', "set local x = '1'", 'create table t (a int)'])
    for (let i = 0; i < 3; i++) assert.equal(nameFor(text), undefined, text);
  // "selection" is not "select": the keyword must stand alone.
  assert.equal(nameFor('selection'), undefined);
  assert.equal(nameFor('selection'), undefined);
});

test('past the cap, new texts stay unnamed; named ones keep their names', () => {
  const nameFor = statementNames(1);
  nameFor('select 1');
  assert.equal(nameFor('select 1'), 'roster_1');
  for (let i = 0; i < 3; i++) assert.equal(nameFor('select 2'), undefined);
  assert.equal(nameFor('select 1'), 'roster_1');
});

test('texts seen once are forgotten together past ten times the cap', () => {
  const nameFor = statementNames(1);
  nameFor('select $1::int');
  for (let i = 0; i < 10; i++) nameFor(`select ${i} as once`);
  // The eleventh distinct text forgot the earlier ones: this is a first use again.
  assert.equal(nameFor('select $1::int'), undefined);
  assert.equal(nameFor('select $1::int'), 'roster_1');
});
