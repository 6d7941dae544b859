// `npm run test:integration`: the integration and end-to-end tier alone, i.e. `jest.config.js`
// (same global setup, timeout and per-engine projects) without its unit project.
const all = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...all,
  projects: all.projects.filter((p) => p.displayName.startsWith('integration:')),
};
