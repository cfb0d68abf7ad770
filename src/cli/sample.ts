/**
 * The bundled sample: `subguard scan` without a file scans it. Its dates are set relative to
 * SAMPLE_AS_OF (examples/make-sample.ts), and without --as-of it is scanned as of that date, so the
 * README's first command shows every status on any day. Files you name are scanned as of today.
 */
export const SAMPLE_FILE = 'examples/subscriptions.xlsx';

/** The date the sample is set at, written in its title row. */
export const SAMPLE_AS_OF = '2026-11-26';
