// `npm run check:layers`: fails, naming file and import, when src/ breaks the ring table.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkLayers } from './layers.ts';

const root = path.resolve(import.meta.dirname, '..');
const files = new Map<string, string>();
for (const entry of readdirSync(path.join(root, 'src'), { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
  const full = path.join(entry.parentPath, entry.name);
  files.set(path.relative(root, full).split(path.sep).join('/'), readFileSync(full, 'utf8'));
}
const violations = checkLayers(files);
for (const v of violations) console.error(`${v.file}: import '${v.specifier}': ${v.reason}`);
if (violations.length > 0) {
  console.error(`check:layers: ${violations.length} import(s) break the rings of architecture.md`);
  process.exit(1);
}
console.log(`check:layers: ${files.size} files, every import follows the rings`);
