// jose ships only ES modules. Node loads them from our CommonJS through require(esm) (Node
// 20.19+), but Jest's module runtime does not: every Jest project compiles them to CommonJS.
module.exports = {
  transform: {
    '/node_modules/jose/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
};
