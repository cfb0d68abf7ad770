/** Bundles test/taskpane/support/fake-office.ts for the browser with webpack, into one script text. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import webpack from 'webpack';
import { PROJECT_ROOT, removeBuild } from '../../../scripts/pane-build';

export async function bundleFakeOffice(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'subguard-fake-office-'));
  try {
    const compiler = webpack({
      mode: 'development',
      // No eval-based source maps: the page's CSP forbids eval.
      devtool: false,
      context: PROJECT_ROOT,
      entry: join(__dirname, 'fake-office.ts'),
      output: { path: outDir, filename: 'fake-office.js' },
      resolve: { extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } },
      module: {
        rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { module: 'es2020', target: 'es2020', noEmit: false, declaration: false, sourceMap: false } } } }],
      },
    });
    const stats = await new Promise<webpack.Stats>((resolve, reject) => compiler.run((error, result) => (error || !result ? reject(error) : resolve(result))));
    await new Promise<void>((resolve) => compiler.close(() => resolve()));
    if (stats.hasErrors()) throw new Error(`the fake Office bundle failed:\n${stats.toString('errors-only')}`);
    return readFileSync(join(outDir, 'fake-office.js'), 'utf8');
  } finally {
    removeBuild(outDir);
  }
}
