import fc from 'fast-check';
import { makeInvoice, matchPayments, type Matching, type ReconcileInvoice, type ReconcilePayment } from '../../src/rules';

const AS_OF = 20150;
const TOLERANCE = 1;
const AMOUNTS = [50000, 100000, 100001, 123450, 99999, 25000];
const CURRENCIES = ['DKK', 'EUR', null] as const;

interface World {
  invoices: ReconcileInvoice[];
  payments: ReconcilePayment[];
}

/** Invoices with distinct numbers; payments that name one or two of them, a PO, or nothing, with amounts that collide on purpose. */
const world = (distinctDates: boolean): fc.Arbitrary<World> =>
  fc
    .record({
      invoices: fc.array(
        fc.record({ amount: fc.constantFrom(...AMOUNTS, -5000), currency: fc.constantFrom(...CURRENCIES), due: fc.integer({ min: AS_OF - 90, max: AS_OF + 20 }), po: fc.option(fc.constantFrom('PO-44120', 'PO-44121', 'PO-44122'), { nil: null }), void: fc.boolean() }),
        { minLength: 1, maxLength: 12 },
      ),
      payments: fc.array(
        fc.record({
          kind: fc.constantFrom('one', 'two', 'po', 'amount', 'noise'),
          pick: fc.nat(),
          pick2: fc.nat(),
          amount: fc.oneof(fc.constantFrom(...AMOUNTS), fc.integer({ min: 1, max: 200000 })),
          currency: fc.constantFrom(...CURRENCIES),
          day: fc.integer({ min: AS_OF - 120, max: AS_OF + 5 }),
          incoming: fc.boolean(),
          toAutodesk: fc.boolean(),
        }),
        { maxLength: 16 },
      ),
    })
    .filter((w) => !distinctDates || new Set(w.payments.map((p) => p.day)).size === w.payments.length)
    .map(({ invoices, payments }) => {
      const built = invoices.map((inv, i) =>
        makeInvoice({ row: i + 2, number: `INV-${String(70000 + i * 7).padStart(7, '0')}`, due: inv.due, amount: inv.amount, currency: inv.currency, po: inv.po, status: inv.void && i % 4 === 0 ? 'void' : null }),
      );
      const text = (p: (typeof payments)[number]) => {
        const a = built[p.pick % built.length];
        const b = built[p.pick2 % built.length];
        if (p.kind === 'one') return [`Autodesk ${a.number}`];
        if (p.kind === 'two') return [`${a.number} ${b.number}`];
        if (p.kind === 'po') return [`PO ${a.po ?? 'PO-44199'}`];
        return p.kind === 'noise' ? ['Husleje'] : ['Betaling'];
      };
      return {
        invoices: built,
        payments: payments.map((p, i) => ({ row: i + 2, day: p.day, amount: p.amount, currency: p.currency, incoming: p.incoming && p.kind === 'noise', numberTexts: text(p), poTexts: [], toAutodesk: p.toAutodesk })),
      };
    });

const run = (w: World): Matching => matchPayments(w.invoices, w.payments, { asOf: AS_OF, tolerance: TOLERANCE });

describe('matching invariants (rules.md §9.2)', () => {
  test('the generated worlds reach every outcome and every step, so the properties below are not vacuous', () => {
    const seen = new Set<string>();
    for (const w of fc.sample(world(false), { numRuns: 400, seed: 12 })) {
      for (const match of run(w).payments) seen.add(match.outcome).add(`step:${match.step}`);
    }
    expect([...seen].sort()).toEqual(
      ['ambiguous', 'duplicate', 'incoming', 'later', 'matched', 'not-autodesk', 'possible-duplicate', 'unmatched', 'step:amount', 'step:null', 'step:number', 'step:po'].sort(),
    );
  });

  test('no payment is used twice: a matched payment gives exactly its amount, once per invoice; any other gives nothing', () => {
    fc.assert(
      fc.property(world(false), (w) => {
        const m = run(w);
        const uses = new Map<number, number>();
        m.invoices.forEach((account) => account.payments.forEach((p) => uses.set(p, (uses.get(p) ?? 0) + 1)));
        m.payments.forEach((match, p) => {
          if (match.outcome === 'matched') {
            expect(match.parts.reduce((a, b) => a + b, 0)).toBe(w.payments[p].amount);
            expect(new Set(match.invoices).size).toBe(match.invoices.length);
            expect(uses.get(p)).toBe(match.invoices.length);
            if (match.step !== 'number') expect(match.invoices).toHaveLength(1);
          } else {
            expect(match.parts).toEqual([]);
            expect(uses.has(p)).toBe(false);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  test('the parts given to invoices sum to the matched payments\' amounts, and void invoices and credit memos get nothing', () => {
    fc.assert(
      fc.property(world(false), (w) => {
        const m = run(w);
        const given = m.invoices.reduce((sum, account) => sum + account.paid, 0);
        const matched = m.payments.reduce((sum, match, p) => sum + (match.outcome === 'matched' ? w.payments[p].amount : 0), 0);
        expect(given).toBe(matched);
        w.invoices.forEach((invoice, i) => {
          if (invoice.amount < 0 || invoice.status === 'void') expect(m.invoices[i].paid).toBe(0);
        });
      }),
      { numRuns: 300 },
    );
  });

  test('later and incoming payments never take part', () => {
    fc.assert(
      fc.property(world(false), (w) => {
        const m = run(w);
        w.payments.forEach((payment, p) => {
          if (payment.incoming) expect(m.payments[p].outcome).toBe('incoming');
          else if (payment.day > AS_OF) expect(m.payments[p].outcome).toBe('later');
        });
      }),
      { numRuns: 200 },
    );
  });

  test('shuffling rows that have distinct dates changes no outcome', () => {
    fc.assert(
      fc.property(world(true), fc.array(fc.nat(), { minLength: 40, maxLength: 40 }), (w, noise) => {
        const before = outcomes(w, run(w));
        const shuffle = <T>(list: T[]) => list.map((item, i) => ({ item, key: noise[i % noise.length] * 1000 + i })).sort((a, b) => a.key - b.key).map((entry) => entry.item);
        const invoices = shuffle(w.invoices).map((invoice, i) => ({ ...invoice, row: i + 2 }));
        const payments = shuffle(w.payments).map((payment, i) => ({ ...payment, row: i + 2 }));
        const shuffled = { invoices, payments };
        expect(outcomes(shuffled, run(shuffled))).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  test('adding an unrelated payment that is not Autodesk\'s changes nothing', () => {
    fc.assert(
      fc.property(world(false), fc.integer({ min: 1, max: 200000 }), fc.integer({ min: AS_OF - 120, max: AS_OF }), fc.nat(), (w, amount, day, at) => {
        const before = outcomes(w, run(w));
        const rent: ReconcilePayment = { row: 9999, day, amount, currency: 'DKK', incoming: false, numberTexts: ['Husleje marts, Ejendomsselskabet'], poTexts: [], toAutodesk: false };
        const payments = [...w.payments];
        payments.splice(at % (payments.length + 1), 0, rent);
        const more = { invoices: w.invoices, payments };
        const after = run(more);
        expect(after.payments[payments.indexOf(rent)].outcome).toBe('not-autodesk');
        expect(outcomes(more, after)).toEqual({ ...before, payments: { ...before.payments, [`${rent.day}/${rent.amount}/${rent.numberTexts[0]}`]: 'not-autodesk: ' } });
      }),
      { numRuns: 300 },
    );
  });
});

/** Outcomes by identity, not by row: invoices by number, payments by date, amount and text. */
function outcomes(w: World, m: Matching) {
  const invoices: Record<string, string> = {};
  w.invoices.forEach((invoice, i) => {
    const account = m.invoices[i];
    invoices[invoice.number] = `${account.paid}/${account.lastPaidDay}/${account.payments.map((p) => w.payments[p].day).sort().join(',')}`;
  });
  const payments: Record<string, string> = {};
  m.payments.forEach((match, p) => {
    const payment = w.payments[p];
    payments[`${payment.day}/${payment.amount}/${payment.numberTexts[0]}`] = `${match.outcome}: ${match.invoices.map((i) => w.invoices[i].number).sort().join(',')}`;
  });
  return { invoices, payments };
}
