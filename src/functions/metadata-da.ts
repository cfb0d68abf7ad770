/**
 * Danish descriptions of the SUBS functions, for a functions-da.json beside functions.json.
 *
 * Excel localises custom functions through one metadata file per language, which the manifest
 * names with `<bt:Override Locale="da-DK" …>` on the metadata URL; Excel takes `name` and
 * `description` from it. custom-functions-metadata only writes the English file from the JSDoc, so
 * the Danish file is derived from that generated file here: same ids, parameters, types and options
 * (so the two cannot drift apart), Danish descriptions. Function and parameter names stay as they
 * are: they are what formulas contain and what the error messages name. See docs/custom-functions.md.
 */

export interface DanishFunctionText {
  readonly description: string;
  readonly parameters: Readonly<Record<string, string>>;
}

const DATE = 'Fornyelsesdato (eller udløbsdato); ved fakturabetaling (netto) fakturadatoen. En datocelle, 2025-01-31 eller 31-01-2025, eller et område af dem.';
const TERMS = 'Betalingsbetingelser: Netto 30, Faktura, Kreditkort, PayPal, Direkte debitering eller Automatisk fornyelse. Udelad for automatisk fornyelse.';
const BILLING = 'Faktureringsperiode: Månedlig, Årlig eller 3-årig. Udelad for Årlig.';
const PURCHASE = 'Købsdato, eller fornyelsesdatoen ved en fornyelse. En datocelle eller et område af dem.';

export const DANISH_DESCRIPTIONS: Readonly<Record<string, DanishFunctionText>> = {
  SUSPENSIONDATE: {
    description: 'Første dag uden adgang til softwaren, når fornyelsen ikke er betalt: 16 dage efter forfaldsdatoen. Angiv en hel kolonne af datoer for at få en kolonne af resultater.',
    parameters: { date: DATE, terms: TERMS, billing: BILLING },
  },
  CANCELDATE: {
    description: 'Første dag abonnementet er annulleret, når det stadig er ubetalt: 46 dage efter forfaldsdatoen (31 ved månedlig). Derefter kan det ikke fornyes og skal købes igen.',
    parameters: { date: DATE, terms: TERMS, billing: BILLING },
  },
  DUEDATE: {
    description: 'Datoen betalingen forfalder, hvor fristerne begynder: fornyelsesdatoen, eller fakturadatoen plus N dage ved Netto N.',
    parameters: { date: DATE, terms: TERMS },
  },
  STATUS: {
    description: 'Abonnementets status på en dato, på engelsk: Active, Due soon, Expired, Suspended, Canceled eller Not covered. Uden as_of er det dagens status, og den skifter af sig selv på en ny dag.',
    parameters: {
      date: DATE,
      terms: TERMS,
      billing: BILLING,
      paid: 'Betalingsdato, eller Ja/Nej (Yes/No, x). Udelad når ubetalt. En betalingsdato efter as_of tæller som ubetalt.',
      public_sector: 'Ja for en offentlig organisation, som Autodesks direkte købsproces ikke omfatter. Udelad for Nej.',
      as_of: 'Datoen status gælder for. Udelad for dags dato.',
    },
  },
  REFUNDELIGIBLE: {
    description: 'SAND når der stadig kan anmodes om fuld refusion: inden for 30 dage efter køb eller fornyelse (15 ved månedlig), den dag medregnet, og ikke under en unik juridisk aftale.',
    parameters: {
      purchase_date: PURCHASE,
      request_date: 'Datoen for anmodningen om refusion. Udelad for dags dato.',
      billing: BILLING,
      excluded: 'Ja når købet er under en unik juridisk aftale (enterprise-aftale), som ikke kan refunderes. Udelad for Nej.',
    },
  },
  REFUNDDEADLINE: {
    description: 'Sidste dag for at anmode om fuld refusion, den dag medregnet: 30 dage efter køb eller fornyelse (15 ved månedlig).',
    parameters: { purchase_date: PURCHASE, billing: BILLING },
  },
  FINANCINGELIGIBLE: {
    description: 'SAND når Autodesk tilbyder finansiering: årlig eller 3-årig fakturering og mindst USD 4.500. #I/T for et beløb i en anden valuta: der antages ingen valutakurs.',
    parameters: {
      billing: 'Faktureringsperiode: Månedlig, Årlig eller 3-årig.',
      amount: 'Prisen, fx 4500 eller $4,500.00.',
      currency: 'Beløbets valuta: USD, DKK, EUR, … Udelad for USD (eller valutaen skrevet i beløbet).',
    },
  },
};

interface MetadataFunction {
  id: string;
  description?: string;
  parameters: { name: string; description?: string }[];
}

/**
 * functions-da.json from the generated functions.json. Throws when a function or parameter has no
 * Danish text: a new function must not reach Danish users undescribed.
 */
export function danishMetadata(englishJson: string): string {
  const metadata = JSON.parse(englishJson) as { functions: MetadataFunction[] };
  for (const fn of metadata.functions) {
    const danish = DANISH_DESCRIPTIONS[fn.id];
    if (!danish) throw new Error(`no Danish description for ${fn.id}`);
    fn.description = danish.description;
    for (const parameter of fn.parameters) {
      const text = danish.parameters[parameter.name];
      if (!text) throw new Error(`no Danish description for ${fn.id}(${parameter.name})`);
      parameter.description = text;
    }
  }
  return JSON.stringify(metadata, null, 4);
}
