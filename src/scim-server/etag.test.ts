import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { etagOf, matchesEtags } from './etag.ts';

describe('ETags', () => {
  it('are weak tags of meta.version', () => {
    assert.equal(etagOf(7), 'W/"7"');
  });

  it('compare weakly, in lists, with * matching any version', () => {
    assert.equal(matchesEtags('W/"7"', 7), true);
    assert.equal(matchesEtags('"7"', 7), true);
    assert.equal(matchesEtags('W/"6", W/"7"', 7), true);
    assert.equal(matchesEtags('*', 12), true);
    assert.equal(matchesEtags('W/"70"', 7), false);
    assert.equal(matchesEtags('W/"x"', 7), false);
    assert.equal(matchesEtags('', 7), false);
  });
});
