/**
 * Bundles test/taskpane/support/fake-office.ts for the browser with webpack, into one script text.
 * The bundle is cached on disk like the add-in build (scripts/pane-build.ts `cached`), keyed by
 * every source it is made from, so the browser suites bundle it once per change.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import webpack from 'webpack';
import { BUILD_INPUTS, cached, inputsHash, PROJECT_ROOT } from '../../../scripts/pane-build';

/** What the fake Office is bundled from: the add-in's sources and the test code it imports. */
const FAKE_OFFICE_INPUTS = [...BUILD_INPUTS, 'test/excel', 'test/fixtures', 'test/taskpane/support'];

async function bundle(outDir: string): Promise<void> {
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
}

export async function bundleFakeOffice(): Promise<string> {
  const dir = await cached('fake-office', inputsHash(FAKE_OFFICE_INPUTS), bundle);
  return readFileSync(join(dir, 'fake-office.js'), 'utf8');
}
