/**
 * The few messages that belong to the worksheet functions rather than to the rules: how the
 * arguments fit together as ranges, and cells the functions cannot read. Every message about a
 * value (a date, terms, billing, an amount) comes from the rules' catalogue (src/rules/messages.ts).
 */
import type { Locale } from '../rules';

export type FunctionMessage = 'shape-mismatch' | 'unreadable-cell' | 'error-input' | 'result-too-large' | 'date-system-unconfirmed' | 'unexpected';

export const FUNCTION_MESSAGES: Readonly<Record<Locale, Readonly<Record<FunctionMessage, string>>>> = {
  en: {
    'shape-mismatch': '{argument} covers {rows} × {columns} cells but {reference} covers {referenceRows} × {referenceColumns}: give one value, or a range of the same size',
    'unreadable-cell': '{argument}: a cell holding {type} cannot be read: use a date, a number or text',
    'error-input': '{argument}: the cell holds the error {code}; correct that cell',
    'result-too-large': 'the answer for {rows} rows would be {megabytes} MB, over what Excel takes from one function (5 MB): give at most {fits} rows per formula',
    'date-system-unconfirmed': 'Excel has not confirmed yet whether this workbook counts dates from 1900 or 1904, and a guess could be four years off: press Ctrl+Alt+F9 to calculate SUBS.{function} again',
    unexpected: 'SUBS.{function} failed unexpectedly ({detail}); please report this',
  },
  da: {
    'shape-mismatch': '{argument} dækker {rows} × {columns} celler, men {reference} dækker {referenceRows} × {referenceColumns}: angiv én værdi eller et område af samme størrelse',
    'unreadable-cell': '{argument}: en celle med {type} kan ikke læses: brug en dato, et tal eller tekst',
    'error-input': '{argument}: cellen indeholder fejlen {code}; ret den celle',
    'result-too-large': 'svaret for {rows} rækker ville fylde {megabytes} MB, mere end Excel tager fra én funktion (5 MB): angiv højst {fits} rækker pr. formel',
    'date-system-unconfirmed': 'Excel har endnu ikke bekræftet, om projektmappen regner datoer fra 1900 eller 1904, og et gæt kan ramme fire år forkert: tryk Ctrl+Alt+F9 for at beregne SUBS.{function} igen',
    unexpected: 'SUBS.{function} fejlede uventet ({detail}); rapportér venligst fejlen',
  },
};
