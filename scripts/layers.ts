/**
 * The ring table of docs/architecture.md as data, and the check that applies it to a set of
 * source files. `scripts/check-layers.ts` runs it over `src/`; its test feeds it fake trees.
 *
 * Example: checkLayers(new Map([['src/scim/a.ts', "import '../store/store.ts'"]]))
 *   → [{ file: 'src/scim/a.ts', specifier: '../store/store.ts', reason: '...' }]
 */
import path from 'node:path/posix';

export interface Violation {
  file: string;
  specifier: string;
  reason: string;
}

/** Which top-level folders (or root files) each folder may import from. */
const allowed: Record<string, readonly string[]> = {
  scim: [],
  expressions: ['scim'],
  sync: ['scim', 'expressions'],
  store: ['scim'],
  client: ['scim'],
  directory: ['scim', 'expressions', 'sync', 'store', 'client'],
  'scim-server': ['scim', 'expressions', 'sync', 'store', 'client'],
  engine: ['scim', 'expressions', 'sync', 'store', 'client'],
  api: ['scim', 'expressions', 'sync', 'store', 'client', 'directory', 'scim-server', 'engine'],
  cli: ['scim', 'expressions', 'sync', 'store', 'client', 'directory', 'scim-server', 'engine'],
  console: [],
};

/** Folders whose production code must stay pure: no npm packages, no I/O built-ins. */
const pure = new Set(['scim', 'expressions', 'sync']);
/** Node built-ins a pure ring may still use: they compute, they do not touch the world. */
const pureBuiltins = new Set(['node:util', 'node:assert']);
/** Root files that may import anything: the composition root and the process entry. */
const roots = new Set(['compose.ts', 'main.ts']);

const ringTwo = new Set(['directory', 'scim-server', 'engine']);

/** The import specifiers in TypeScript source, skipping comments and ordinary strings. */
export function findImports(source: string): string[] {
  const found: string[] = [];
  const code = blankCommentsAndTemplates(source);
  const patterns = [
    /\b(?:import|export)\b[^'"`;]*?\bfrom\s*(['"])([^'"]+)\1/g,
    /\bimport\s*(['"])([^'"]+)\1/g,
    /\bimport\s*\(\s*(['"])([^'"]+)\1\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) found.push(match[2]!);
  }
  return found;
}

/** Replaces comments and template literals with spaces so that imports in them are not seen. */
function blankCommentsAndTemplates(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      i = end === -1 ? source.length : end;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end === -1 ? source.length : end + 2;
      out += ' ';
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== c && source[j] !== '\n')
        j += source[j] === '\\' ? 2 : 1;
      out += source.slice(i, j + 1);
      i = j + 1;
    } else if (c === '`') {
      let j = i + 1;
      while (j < source.length && source[j] !== '`') j += source[j] === '\\' ? 2 : 1;
      out += '``';
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The top-level folder under src/ of a path like `src/scim/filter/parse.ts`, or the root file name. */
function areaOf(file: string): string {
  return file.split('/')[1]!;
}

/** Applies the ring table to every file (paths relative to the repository, under `src/`). */
export function checkLayers(files: ReadonlyMap<string, string>): Violation[] {
  const violations: Violation[] = [];
  for (const [file, source] of files) {
    const from = areaOf(file);
    const isTest = file.endsWith('.test.ts');
    for (const specifier of findImports(source)) {
      const reason = judge(file, from, specifier, isTest);
      if (reason) violations.push({ file, specifier, reason });
    }
  }
  return violations;
}

function judge(file: string, from: string, specifier: string, isTest: boolean): string | null {
  if (!specifier.startsWith('.')) {
    if (isTest || !pure.has(from)) return null;
    if (specifier.startsWith('node:') && pureBuiltins.has(specifier)) return null;
    return `src/${from} is a pure ring and may not import packages or I/O built-ins`;
  }
  const target = path.normalize(path.join(path.dirname(file), specifier));
  if (!target.startsWith('src/')) return 'imports from outside src/';
  const to = areaOf(target);
  if (to === from) return null;
  if (roots.has(from)) return null;
  if (roots.has(to)) return `only the process entry may import src/${to}`;
  const may = allowed[from];
  if (!may) return `src/${from} is not in the ring table of architecture.md`;
  if (!may.includes(to))
    return `src/${from} may not import src/${to} (allowed: ${may.join(', ') || 'nothing outside itself'})`;
  const inner = target.slice(`src/${to}/`.length);
  if (ringTwo.has(from) && to === 'store') {
    return inner === 'store.ts'
      ? null
      : `src/${from} may use only the store port src/store/store.ts`;
  }
  if (inner !== 'index.ts') return `import src/${to} through its index.ts, not ${inner}`;
  return null;
}
