// Import resolver (eslint-import-resolver interface v2) used by eslint-plugin-boundaries.
//
// The server is NodeNext ESM and imports `./plans.service.js` for a file that is really
// `plans.service.ts`; the default node resolver cannot map that, so every local import would be
// "unresolved" and silently skipped by the boundaries rules. This resolver asks TypeScript itself,
// using the nearest tsconfig.json of the importing file (so NodeNext `.js` → `.ts` mapping, the web's
// bundler resolution and any `paths` aliases all behave exactly as in `tsc`).
'use strict';

const path = require('node:path');
const { isBuiltin } = require('node:module');
const ts = require('typescript');

const optionsByConfig = new Map();

// Used when a package has no tsconfig.json yet.
const fallbackOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  resolveJsonModule: true,
  jsx: ts.JsxEmit.ReactJSX,
};

function compilerOptionsFor(sourceFile) {
  const configPath = ts.findConfigFile(path.dirname(sourceFile), ts.sys.fileExists, 'tsconfig.json');
  if (!configPath) return fallbackOptions;
  let options = optionsByConfig.get(configPath);
  if (!options) {
    const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
    options = error
      ? fallbackOptions
      : ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(configPath), undefined, configPath).options;
    optionsByConfig.set(configPath, options);
  }
  return options;
}

module.exports = {
  interfaceVersion: 2,
  resolve(source, file) {
    if (isBuiltin(source)) return { found: true, path: null };
    try {
      const { resolvedModule } = ts.resolveModuleName(source, file, compilerOptionsFor(file), ts.sys);
      if (resolvedModule?.resolvedFileName) return { found: true, path: path.resolve(resolvedModule.resolvedFileName) };
    } catch {
      // fall through: let the next resolver (node) try
    }
    return { found: false };
  },
};
