/**
 * Evaluating functions.ts registers all seven functions with Excel, once each: as the source file
 * (what tests and the dev tools load), and as webpack builds it, with the
 * `CustomFunctions.associate(...)` lines CustomFunctionsMetadataPlugin appends.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- jest.isolateModules loads the add-in afresh for each test, which only require() can */
import { readFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import ts from 'typescript';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';

const SOURCE = join(__dirname, '..', '..', 'src', 'functions', 'functions.ts');
const IDS = ['SUSPENSIONDATE', 'CANCELDATE', 'DUEDATE', 'STATUS', 'REFUNDELIGIBLE', 'REFUNDDEADLINE', 'FINANCINGELIGIBLE'];

const globals = globalThis as { CustomFunctions?: unknown };
let associated: [string, unknown][];

function installFakeExcel(): void {
  associated = [];
  globals.CustomFunctions = {
    associate: (id: string, fn: unknown) => associated.push([id, fn]),
    Error: class {},
    ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' },
  };
}

/**
 * What office.js alone defines when it loads (seen in @microsoft/office-js dist/office.js): the
 * association, but no Error or ErrorCode; those come with the host script, later.
 */
function installOfficeJsOnly(): void {
  associated = [];
  globals.CustomFunctions = { associate: (id: string, fn: unknown) => associated.push([id, fn]) };
}

afterEach(() => delete globals.CustomFunctions);

describe('requiring src/functions/functions.ts', () => {
  test('associates each of the seven ids once, with the function of that name', () => {
    installFakeExcel();
    let exported: Record<string, unknown> = {};
    jest.isolateModules(() => {
      exported = require('../../src/functions/functions');
    });
    expect(associated.map(([id]) => id)).toEqual(IDS);
    const byId = new Map(associated);
    expect(byId.get('STATUS')).toBe(exported.status);
    expect(byId.get('SUSPENSIONDATE')).toBe(exported.suspensionDate);
    expect(byId.get('FINANCINGELIGIBLE')).toBe(exported.financingEligible);
    for (const [, fn] of associated) expect(typeof fn).toBe('function');
  });

  test('registers when office.js has only just loaded (associate, no Error yet), as in Excel', () => {
    installOfficeJsOnly();
    jest.isolateModules(() => {
      require('../../src/functions/functions');
    });
    expect(associated.map(([id]) => id)).toEqual(IDS);
  });

  test('an error made after the host script arrived is an instance of its CustomFunctions.Error', () => {
    installOfficeJsOnly();
    let exported: { dueDate?: (...args: unknown[]) => unknown } = {};
    jest.isolateModules(() => {
      exported = require('../../src/functions/functions');
    });
    class HostError {
      constructor(readonly code: string, readonly message?: string) {}
    }
    Object.assign(globals.CustomFunctions as object, { Error: HostError, ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' } });
    const [[cell]] = exported.dueDate!([['not a date']], null) as unknown[][];
    expect(cell).toBeInstanceOf(HostError);
    expect(cell).toMatchObject({ code: '#VALUE!' });
  });

  test('loads where Excel is absent, and still knows what it registers', () => {
    let exported: { REGISTERED_IDS?: readonly string[] } = {};
    expect(() =>
      jest.isolateModules(() => {
        exported = require('../../src/functions/functions');
      }),
    ).not.toThrow();
    expect(exported.REGISTERED_IDS).toEqual(IDS);
  });
});

describe('functions.ts as webpack builds it, with the plugin’s associate calls appended', () => {
  /** The source after CustomFunctionsMetadataPlugin's loader, compiled to CommonJS and evaluated here. */
  async function evaluateBuiltModule(): Promise<void> {
    const generated = await generateCustomFunctionsMetadata(SOURCE);
    const Plugin = require('custom-functions-metadata-plugin') as { generateResults: Record<string, unknown> };
    Plugin.generateResults[SOURCE] = generated;
    const loader = require('custom-functions-metadata-plugin/lib/loader.js') as (this: unknown, source: string) => string;
    const source = readFileSync(SOURCE, 'utf8');
    const built = loader.call({ getOptions: () => ({ input: SOURCE, file: SOURCE }) }, source);
    expect(built.slice(source.length).match(/\nCustomFunctions\.associate\("\w+", \w+\);/g)).toHaveLength(IDS.length);
    const { outputText } = ts.transpileModule(built, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true } });
    const localRequire = (path: string) => require(path.startsWith('.') ? resolve(dirname(SOURCE), path) : path);
    const module = { exports: {} };
    new Function('exports', 'require', 'module', outputText)(module.exports, localRequire, module);
  }

  test('each id still reaches Excel once (the runtime warns on a second association)', async () => {
    installFakeExcel();
    await evaluateBuiltModule();
    expect(associated.map(([id]) => id)).toEqual(IDS);
  });

  test('without Excel the appended calls are harmless rather than a ReferenceError', async () => {
    await expect(evaluateBuiltModule()).resolves.toBeUndefined();
  });
});
