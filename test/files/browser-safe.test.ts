/**
 * The task pane's file mode (and later a Web Worker) runs src/files/browser.ts: nothing it
 * imports, however deep, may load a Node module at run time. Type-only imports are erased and
 * allowed. The check follows the relative imports from browser.ts through the source files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const SRC = path.join(__dirname, '..', '..', 'src');
const NODE_MODULES = /^(node:|fs$|path$|zlib$|stream$|os$|child_process$|crypto$|events$)/;

/** The runtime imports of a source file: `import … from 'x'` that are not `import type`. */
function runtimeImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/^import\s+(type\s+)?[^'"]*?from\s+'([^']+)';/gm)) if (!match[1]) found.push(match[2]);
  for (const match of text.matchAll(/^export\s+(type\s+)?(?:\*|\{[^}]*\})\s+from\s+'([^']+)';/gm)) if (!match[1]) found.push(match[2]);
  for (const match of text.matchAll(/require\('([^']+)'\)/g)) found.push(match[1]);
  return found;
}

function resolve(from: string, specifier: string): string {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) if (fs.existsSync(candidate)) return candidate;
  throw new Error(`${from}: cannot resolve ${specifier}`);
}

test('src/files/browser.ts and everything it imports load no Node module', () => {
  const seen = new Set<string>();
  const offending: string[] = [];
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of runtimeImports(file)) {
      if (specifier.startsWith('.')) visit(resolve(file, specifier));
      else if (NODE_MODULES.test(specifier)) offending.push(`${path.relative(SRC, file)} imports ${specifier}`);
    }
  };
  visit(path.join(SRC, 'files', 'browser.ts'));
  expect(offending).toEqual([]);
  // The reader itself is in the graph (a check that follows nothing would pass too).
  expect([...seen].map((file) => path.relative(SRC, file)).sort()).toEqual(expect.arrayContaining(['files/xlsx/sheet.ts', 'files/zip.ts', 'files/exceljs.ts', 'files/copy.ts']));
  expect([...seen].some((file) => file.includes(`${path.sep}node${path.sep}`))).toBe(false);
});
