// jose and @nestjs/terminus ship only ES modules. Node loads them from our CommonJS through
// require(esm) (Node 20.19+), but Jest's module runtime does not: every Jest project compiles them
// to CommonJS with jest.esm-transform.js.
const ESM_ONLY = ['jose', '@nestjs/terminus'];

module.exports = {
  transform: { [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: '<rootDir>/jest.esm-transform.js' },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
};
