import { readFileSync } from 'fs';
import { join } from 'path';
import { checkManifest } from '../../scripts/manifest-check';
import { DEV_URL, PublicUrlError, checkPublicUrl, resolvePublicUrl, transformManifest } from '../../scripts/manifest-transform';

const manifest = readFileSync(join(__dirname, '..', '..', 'manifest.xml'), 'utf8');

/** Replaces one exact piece of the manifest, failing loudly if the piece is not there. */
function mutate(find: string | RegExp, replace: string): string {
  const mutated = manifest.replace(find, replace);
  if (mutated === manifest) throw new Error(`mutation did not apply: ${String(find)}`);
  return mutated;
}

const codes = (xml: string) => checkManifest(xml).map((p) => p.code);

describe('manifest.xml passes the structural check', () => {
  test('the project manifest has no problems', () => {
    expect(checkManifest(manifest)).toEqual([]);
  });

  test('the manifest really uses one resid for the runtime, the page, the function file and the button', () => {
    const resids = [
      /<Runtime resid="([^"]+)"/,
      /<Page>\s*<SourceLocation resid="([^"]+)"/,
      /<FunctionFile resid="([^"]+)"/,
      /<Action xsi:type="ShowTaskpane">[\s\S]*?<SourceLocation resid="([^"]+)"/,
    ].map((pattern) => pattern.exec(manifest)?.[1]);
    expect(new Set(resids)).toEqual(new Set(['Taskpane.Url']));
  });
});

describe('each broken manifest is reported with its problem code', () => {
  test.each([
    ['the FunctionFile names another resid', mutate('<FunctionFile resid="Taskpane.Url" />', '<FunctionFile resid="Functions.Script.Url" />'), 'shared-resid'],
    ['the custom functions Page names another resid', mutate(/(<Page>\s*<SourceLocation resid=")Taskpane\.Url/, '$1Functions.Script.Url'), 'shared-resid'],
    ['the ShowTaskpane action names another resid', mutate(/(<Action xsi:type="ShowTaskpane">\s*<SourceLocation resid=")Taskpane\.Url/, '$1Functions.Script.Url'), 'shared-resid'],
    ['the ShowTaskpane action has a TaskpaneId', mutate('<Action xsi:type="ShowTaskpane">', '<Action xsi:type="ShowTaskpane">\n<TaskpaneId>SubscriptionGuard.Taskpane</TaskpaneId>'), 'taskpane-id'],
    ['the SupportUrl is missing', mutate(/<SupportUrl[^>]*\/>/, ''), 'support-url'],
    ['the SupportUrl is not https', mutate('<SupportUrl DefaultValue="https://', '<SupportUrl DefaultValue="http://'), 'support-url'],
    ['the Runtime names another resid', mutate('<Runtime resid="Taskpane.Url"', '<Runtime resid="Functions.Script.Url"'), 'shared-resid'],
    ['the runtime is short-lived', mutate('lifetime="long"', 'lifetime="short"'), 'runtime-lifetime'],
    ['the Runtimes element is missing', mutate(/<Runtimes>[\s\S]*?<\/Runtimes>/, ''), 'no-runtime'],
    ['a resource URL uses http', mutate('https://localhost:3000/functions.json', 'http://localhost:3000/functions.json'), 'not-https'],
    ['the icon URL uses http', mutate('<IconUrl DefaultValue="https://', '<IconUrl DefaultValue="http://'), 'not-https'],
    ['a referenced URL resource is missing', mutate(/<bt:Url id="Functions\.Metadata\.Url"[^>]*?(?:\/>|>[\s\S]*?<\/bt:Url>)/, ''), 'undefined-resid'],
    ['a referenced image resource is missing', mutate(/<bt:Image id="Icon\.80x80"[^>]*\/>/, ''), 'undefined-resid'],
    ['a referenced string resource is missing', mutate(/<bt:String id="Group\.Label"[\s\S]*?<\/bt:String>/, ''), 'undefined-resid'],
    ['a resource id is defined twice', mutate('<bt:Url id="Functions.Script.Url"', '<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/other.html" /><bt:Url id="Functions.Script.Url"'), 'duplicate-resid'],
    ['a resid names the wrong kind of resource', mutate('<Namespace resid="Functions.Namespace" />', '<Namespace resid="Taskpane.Url" />'), 'resid-kind'],
    ['the namespace is not SUBS', mutate('DefaultValue="SUBS"', 'DefaultValue="CONTOSO"'), 'namespace'],
    ['the permissions are read-only', mutate('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>ReadDocument</Permissions>'), 'permissions'],
    ['the Script does not point at functions.js', mutate('https://localhost:3000/functions.js"', 'https://localhost:3000/main.js"'), 'script-url'],
    ['the Metadata does not point at functions.json', mutate('https://localhost:3000/functions.json"', 'https://localhost:3000/metadata.json"'), 'metadata-url'],
    ['the SharedRuntime requirement set is missing', mutate(/<Set Name="SharedRuntime"[^>]*\/>/, ''), 'requirement-set'],
    ['the Id is not a GUID', mutate(/<Id>[^<]*<\/Id>/, '<Id>subscription-guard</Id>'), 'id'],
    ['the button is not on the Home tab', mutate('<OfficeTab id="TabHome">', '<OfficeTab id="TabData">'), 'home-button'],
    ['the XML is not well-formed', mutate('</Resources>', '</Resource>'), 'xml-syntax'],
  ])('%s', (_, xml, code) => {
    expect(codes(xml)).toContain(code);
  });

  test('a problem names the line and the values involved', () => {
    const [problem] = checkManifest(mutate('DefaultValue="SUBS"', 'DefaultValue="CONTOSO"'));
    expect(problem.message).toMatch(/^line \d+: .*"CONTOSO".*"SUBS"/);
  });

  test('namespace declarations are not mistaken for http URLs', () => {
    expect(manifest).toContain('xmlns="http://schemas.microsoft.com/office/appforoffice/1.1"');
    expect(codes(manifest)).not.toContain('not-https');
  });

  test('passing something other than text is a programmer mistake and throws', () => {
    expect(() => checkManifest(undefined as unknown as string)).toThrow(TypeError);
  });
});

describe('the production transform replaces every dev URL', () => {
  const publicUrl = 'https://addins.example.com/subscription-guard/';

  test('no dev URL is left and every one became the public URL', () => {
    const devCount = manifest.split(DEV_URL).length - 1;
    expect(devCount).toBeGreaterThan(5);
    const production = transformManifest(manifest, publicUrl);
    expect(production).not.toMatch(/localhost:3000/);
    expect(production.split(publicUrl).length - 1).toBe(devCount);
  });

  test('the transformed manifest still passes the structural check', () => {
    expect(checkManifest(transformManifest(manifest, publicUrl))).toEqual([]);
  });

  test.each([
    ['three occurrences on one line', `${DEV_URL}a ${DEV_URL}b ${DEV_URL}c`, 'https://h.example/a https://h.example/b https://h.example/c', 'https://h.example/'],
    ['a Buffer, as CopyWebpackPlugin passes it', Buffer.from(`x="${DEV_URL}taskpane.html"`), 'x="https://h.example/taskpane.html"', 'https://h.example/'],
    ['a "$&" in the public URL stays literal (and its "&" is escaped)', `${DEV_URL}f.js`, 'https://h.example/$&amp;/f.js', 'https://h.example/$&/'],
    ['an "&" in the public URL is escaped for XML', `"${DEV_URL}f.js"`, '"https://h.example/a&amp;b/f.js"', 'https://h.example/a&b/'],
    ['another port on localhost is not touched', 'https://localhost:30000/f.js', 'https://localhost:30000/f.js', 'https://h.example/'],
  ])('%s', (_, input, expected, url) => {
    expect(transformManifest(input, url)).toBe(expected);
  });

  test.each([
    ['no trailing slash', 'https://addins.example.com/sg'],
    ['http', 'http://addins.example.com/sg/'],
    ['not a URL', 'addins.example.com/sg/'],
    ['a query', 'https://addins.example.com/sg/?v=1/'],
  ])('ADDIN_PUBLIC_URL with %s is refused', (_, url) => {
    expect(() => checkPublicUrl(url)).toThrow(PublicUrlError);
  });

  test('ADDIN_PUBLIC_URL is read from the environment', () => {
    expect(resolvePublicUrl({ ADDIN_PUBLIC_URL: publicUrl })).toEqual({ url: publicUrl, warning: undefined });
  });

  test('without ADDIN_PUBLIC_URL the dev URL is kept and a warning says so', () => {
    const { url, warning } = resolvePublicUrl({});
    expect(url).toBe(DEV_URL);
    expect(warning).toMatch(/ADDIN_PUBLIC_URL is not set/);
  });
});

describe('Danish Excel gets Danish function descriptions', () => {
  test('the metadata URL has a da-DK override naming functions-da.json, which the build writes', () => {
    expect(manifest).toMatch(/<bt:Url id="Functions\.Metadata\.Url" DefaultValue="https:\/\/localhost:3000\/functions\.json">\s*<bt:Override Locale="da-DK" Value="https:\/\/localhost:3000\/functions-da\.json" \/>/);
    expect(readFileSync(join(__dirname, '..', '..', 'webpack.config.js'), 'utf8')).toContain('emitAsset("functions-da.json"');
  });
});
