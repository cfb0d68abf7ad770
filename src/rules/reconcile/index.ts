/** Reconciling Autodesk invoices against payments (rules.md §9): pure, over day numbers and hundredths. */
export * from './cents';
export * from './tokens';
export * from './vocabulary';
export * from './match';
export * from './outcome';
export * from './rows';
export * from './coverage';
export * from './summary';
export * from './messages';
export * from './explain';
