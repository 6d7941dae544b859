export * from './measure.activities';
