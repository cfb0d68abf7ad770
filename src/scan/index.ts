export * from './address';
export * from './scan';
export * from "./source";
export * from './reconcile';
export * from './reconcile-tables';
