import fs from 'node:fs';
import path from 'node:path';

const rulesDir = path.join(__dirname, '..', '..', 'src', 'rules');
const files = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));

describe('the rules module is pure', () => {
  test.each(files(rulesDir).map((file) => [path.relative(rulesDir, file), file]))('%s reads no clock, imports nothing outside src/rules and nothing of Office', (_, file) => {
    const source = fs.readFileSync(file, 'utf8');
    expect(source).not.toMatch(/Date\.now\(|new Date\(\s*\)|performance\.now/);
    expect(source).not.toMatch(/\b(Office|Excel|CustomFunctions)\./);
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    for (const spec of imports) {
      expect(spec.startsWith('.')).toBe(true);
      expect(path.resolve(path.dirname(file), spec).startsWith(rulesDir)).toBe(true);
    }
  });
});
