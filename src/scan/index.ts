export * from './address';
export * from './settings';
export * from './scan';
export * from './outcome';
export * from './presentation';
export * from './source';
export * from './reconcile';
export * from './reconcile-tables';
