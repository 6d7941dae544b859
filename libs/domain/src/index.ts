export * from './deadline';
export * from './domain-error';
export * from './escalation-ladder';
export * from './iso-duration';
export * from './measure-status';
export * from './plan-definition';
export * from './track';
export * from './measure-identity';
