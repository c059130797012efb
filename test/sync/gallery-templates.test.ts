// Every gallery template's `provisioning.objectMappings` is a valid mapping configuration for
// the sync ring, as is: the template format and the job's stored format are one.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { compileMappings, validateMappingConfig } from '../../src/sync/index.ts';

const dir = new URL('../../src/directory/gallery/', import.meta.url);
const templates = readdirSync(dir).filter((name) => name.endsWith('.json'));

describe('gallery templates', () => {
  it('there are templates to check', () => {
    assert.ok(templates.length > 0);
  });
  for (const name of templates) {
    it(`${name}: its object mappings validate and compile`, () => {
      const template = JSON.parse(readFileSync(new URL(name, dir), 'utf8'));
      const result = validateMappingConfig({
        objectMappings: template.provisioning.objectMappings,
      });
      assert.ok(result.ok, JSON.stringify(!result.ok && result.issues, null, 2));
      const compiled = compileMappings(result.value);
      assert.ok(compiled.ok);
      assert.ok(compiled.value.bySource.user, 'every template provisions users');
    });
  }
});
