import fc from 'fast-check';
import { idKey, invoiceNumbersNamed, KeyIndex, keysOfNumber, namedNumbers, subscriptionRefsOf, tokensOf } from '../../src/rules';

describe('the token rule of rules.md §9.2', () => {
  test.each<[string, string[]]>([
    ['Autodesk faktura 70012', ['AUTODESK', 'FAKTURA', '70012']],
    ['INV-0070012', ['INV0070012']],
    ['(INV-0070012),', ['INV0070012']],
    ['[INV-0070012]; "INV-0070013" \'INV-0070014\'', ['INV0070012', 'INV0070013', 'INV0070014']],
    ['Betaling:INV-0070012', ['BETALING', 'INV0070012']],
    ['INV-0070012!', ['INV0070012!']], // "!" is neither a split nor a deleted character
    ['INV/0070012', ['INV0070012']], // "/" is deleted, so it joins
    ['inv#00_70.012', ['INV0070012']],
    ['Nr. 0070012', ['NR', '70012']],
    ['0000', []], // nothing left once the zeros are dropped
    ['  \t\n ', []],
    ['Faktura\u00a070012', ['FAKTURA', '70012']], // a non-breaking space is white space
    ['ø-æ', ['ØÆ']],
  ])('%p splits into %p', (text, tokens) => {
    expect(tokensOf(text)).toEqual(tokens);
  });

  test.each<[string, string[]]>([
    ['INV-0070012', ['INV0070012', '70012']],
    ['70012', ['70012']], // token form and digit run are one key
    ['0070012', ['70012']],
    ['A1234', ['A1234']], // 5 characters: used
    ['X123', []], // 4 characters: never used
    ['INV-12345', ['INV12345', '12345']], // a run of 5 digits
    ['INV-1234', ['INV1234']], // a run of 4 is not a key of its own
    ['INV-00012', ['INV00012']], // the run "00012" is 12 without its zeros: too short
    ['2025-INV-0070012', ['2025INV0070012', '70012']], // the longest run
    ['AB 12 34', ['AB1234']], // white space is removed from the number's own form; no run of 5 digits
  ])('the keys of %p are %p', (number, keys) => {
    expect(keysOfNumber(number)).toEqual(keys);
  });

  test('a text names invoices in the order it names them, each once', () => {
    const numbers = ['INV-0070012', 'INV-0070013', 'INV-0070014', null, ''];
    expect(invoiceNumbersNamed('Autodesk 70013 og INV-0070012, INV-0070013', numbers)).toEqual(['INV-0070013', 'INV-0070012']);
    expect(invoiceNumbersNamed('Husleje marts', numbers)).toEqual([]);
    expect(invoiceNumbersNamed('Faktura 1234', ['1234'])).toEqual([]);
  });

  test('one index serves many texts, and a number two rows share names both', () => {
    const numbers = ['INV-0070012', 'CR-70012', 'INV-0070013'];
    const index = KeyIndex.ofNumbers(numbers);
    expect(namedNumbers('betaling 70012', numbers, index)).toEqual(['INV-0070012', 'CR-70012']);
    expect(namedNumbers('INV-0070013', numbers, index)).toEqual(['INV-0070013']);
    const ties: number[][] = [];
    index.named('70012', ties);
    expect(ties).toEqual([[0, 1]]);
  });

  test('subscription references split at "," ";" and spaces, compared in token form', () => {
    expect(subscriptionRefsOf('110004518231; 110004518232,110004518233 00110004518231')).toEqual(['110004518231', '110004518232', '110004518233']);
    expect(idKey(' 56780-001 ')).toBe('56780001');
  });
});

describe('the one-pass tokenizer is the literal rule', () => {
  /** rules.md §9.2 word for word, with regular expressions: the oracle the fast tokenizer must equal. */
  const literal = (text: string) =>
    text
      .split(/[\s,;:()[\]"']+/)
      .map((piece) => piece.replace(/[-./#_]/g, '').toUpperCase().replace(/^0+/, ''))
      .filter((token) => token !== '');

  test('on random texts of the characters that matter', () => {
    const alphabet = [...'aZ09 -./#_,;:()[]"\'!ø\t\n\u00a0\u2003', 'INV', '00'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        expect(tokensOf(text)).toEqual(literal(text));
        expect(tokensOf(text, 5)).toEqual(literal(text).filter((token) => token.length >= 5)); // what matching asks for
      }),
      { numRuns: 2000 },
    );
  });

  test('on any text', () => {
    fc.assert(fc.property(fc.fullUnicodeString({ maxLength: 60 }), (text) => expect(tokensOf(text)).toEqual(literal(text))), { numRuns: 2000 });
  });
});
