// Public surface of suites/: load a suite by bundled id or KIND:PATH.
export { loadSuite, bundledSuites, fileSuiteKinds, UnknownSuiteError, expandHome, absoluteSpec, type LoadOptions } from './registry.ts';
export { DatasetError, readTable, parseCsv, sha256, itemId, pick, type Table } from './table.ts';
