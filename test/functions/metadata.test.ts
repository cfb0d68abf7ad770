/**
 * functions.json as custom-functions-metadata generates it from the JSDoc of functions.ts (the
 * webpack plugin runs the same generator): every function, with the parameters Excel must show.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import { POLICY } from '../../src/rules';
import { danishMetadata, DANISH_DESCRIPTIONS } from '../../src/functions/metadata-da';
import { FUNCTION_SPECS } from '../../src/functions/specs';

const SOURCE = join(__dirname, '..', '..', 'src', 'functions', 'functions.ts');

interface Parameter {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
  repeating?: boolean;
}
interface Metadata {
  allowCustomDataForDataTypeAny?: boolean;
  functions: { id: string; name: string; description?: string; parameters: Parameter[]; result?: { dimensionality?: string; type?: string }; options?: { volatile?: boolean } }[];
}

/** Each function's parameters as users see them: name, and `?` when optional. Fixed by the issue. */
const SIGNATURES: Record<string, string[]> = {
  SUSPENSIONDATE: ['date', 'terms?', 'billing?'],
  CANCELDATE: ['date', 'terms?', 'billing?'],
  DUEDATE: ['date', 'terms?'],
  STATUS: ['date', 'terms?', 'billing?', 'paid?', 'public_sector?', 'as_of?'],
  REFUNDELIGIBLE: ['purchase_date', 'request_date?', 'billing?', 'excluded?'],
  REFUNDDEADLINE: ['purchase_date', 'billing?'],
  FINANCINGELIGIBLE: ['billing', 'amount', 'currency?'],
};

/** The two functions whose answer can change with the day alone. */
const VOLATILE = ['REFUNDELIGIBLE', 'STATUS'];

let metadata: Metadata;
let json: string;

beforeAll(async () => {
  const generated = await generateCustomFunctionsMetadata(SOURCE);
  expect(generated.errors).toEqual([]);
  json = generated.metadataJson;
  metadata = JSON.parse(json) as Metadata;
});

const byId = (id: string) => metadata.functions.find((fn) => fn.id === id)!;

describe('the generated functions.json', () => {
  test('is not empty and has exactly the seven SUBS functions', () => {
    expect(json.length).toBeGreaterThan(100);
    expect(metadata.functions.map((fn) => fn.id).sort()).toEqual(Object.keys(SIGNATURES).sort());
  });

  test.each(Object.entries(SIGNATURES))('%s has its parameters, in order, with the right optional flags', (id, signature) => {
    expect(byId(id).parameters.map((p) => `${p.name}${p.optional ? '?' : ''}`)).toEqual(signature);
  });

  test.each(Object.keys(SIGNATURES))('%s: every parameter takes a value or a range (any, matrix), none repeats; the result spills (matrix)', (id) => {
    const fn = byId(id);
    for (const parameter of fn.parameters) {
      expect(parameter).toMatchObject({ type: 'any', dimensionality: 'matrix' });
      expect(parameter.repeating).toBeUndefined();
      expect(parameter.description?.length).toBeGreaterThan(20);
    }
    expect(fn.result).toEqual({ dimensionality: 'matrix' });
    expect(fn.name).toBe(id);
    expect(fn.description?.length).toBeGreaterThan(40);
    expect(fn.description!.length).toBeLessThanOrEqual(255);
  });

  test('only the functions that read today are volatile', () => {
    expect(metadata.functions.filter((fn) => fn.options?.volatile).map((fn) => fn.id).sort()).toEqual(VOLATILE);
  });

  test('data types are allowed, so dates can come back formatted and formatted dates can come in', () => {
    expect(metadata.allowCustomDataForDataTypeAny).toBe(true);
  });

  test('the parameters match the argument tables the functions read them with (names in messages)', () => {
    for (const spec of FUNCTION_SPECS) expect(byId(spec.id).parameters.map((p) => p.name)).toEqual(spec.args.map((a) => a.name));
  });

  test('the day counts in the descriptions are the policy’s', () => {
    const { suspensionAfterDue, cancellationAfterDue, refundWindowDays, financingMinimumUsd } = POLICY;
    expect(byId('SUSPENSIONDATE').description).toContain(`${suspensionAfterDue.value} days after the payment is due`);
    expect(byId('CANCELDATE').description).toContain(`${cancellationAfterDue.value.annual} days after the payment is due (${cancellationAfterDue.value.monthly} for monthly)`);
    const refund = `${refundWindowDays.value.annual} days %s the purchase or renewal (${refundWindowDays.value.monthly} for monthly)`;
    expect(byId('REFUNDELIGIBLE').description).toContain(refund.replace('%s', 'of'));
    expect(byId('REFUNDDEADLINE').description).toContain(refund.replace('%s', 'after'));
    expect(byId('FINANCINGELIGIBLE').description).toContain(`USD ${financingMinimumUsd.value.toLocaleString('en-US')}`);
  });

  test('the command-line generator writes the same file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'subs-metadata-'));
    try {
      const out = join(dir, 'functions.json');
      const cli = require.resolve('custom-functions-metadata/cli.js');
      const run = spawnSync(process.execPath, [cli, 'generate', SOURCE, out], { encoding: 'utf8' });
      expect(run.status).toBe(0);
      expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(metadata);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('functions-da.json, derived from the generated file', () => {
  test('has the same functions, parameters, types and options; only the descriptions are Danish', () => {
    const danish = JSON.parse(danishMetadata(json)) as Metadata;
    const withoutDescriptions = (m: Metadata) => m.functions.map(({ description: _d, parameters, ...rest }) => ({ ...rest, parameters: parameters.map(({ description: _p, ...p }) => p) }));
    expect(withoutDescriptions(danish)).toEqual(withoutDescriptions(metadata));
    danish.functions.forEach((fn, i) => {
      expect(fn.description).not.toBe(metadata.functions[i].description);
      expect(fn.description!.length).toBeLessThanOrEqual(255);
      fn.parameters.forEach((p, j) => expect(p.description).not.toBe(metadata.functions[i].parameters[j].description));
    });
  });

  test('the Danish day counts are the policy’s too', () => {
    const { suspensionAfterDue, cancellationAfterDue, refundWindowDays } = POLICY;
    expect(DANISH_DESCRIPTIONS.SUSPENSIONDATE.description).toContain(`${suspensionAfterDue.value} dage efter forfaldsdatoen`);
    expect(DANISH_DESCRIPTIONS.CANCELDATE.description).toContain(`${cancellationAfterDue.value.annual} dage efter forfaldsdatoen (${cancellationAfterDue.value.monthly} ved månedlig)`);
    expect(DANISH_DESCRIPTIONS.REFUNDDEADLINE.description).toContain(`${refundWindowDays.value.annual} dage efter køb eller fornyelse (${refundWindowDays.value.monthly} ved månedlig)`);
  });

  test('a function without Danish text stops the build instead of reaching users undescribed', () => {
    const extra = JSON.parse(json) as Metadata;
    extra.functions.push({ id: 'NEWFUNCTION', name: 'NEWFUNCTION', parameters: [] });
    expect(() => danishMetadata(JSON.stringify(extra))).toThrow('no Danish description for NEWFUNCTION');
  });
});
