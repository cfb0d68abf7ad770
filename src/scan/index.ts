export * from './address';
export * from './scan';
export * from "./source";
