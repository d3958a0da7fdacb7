// Modules the benchmarks load that ship no type declarations.
declare module 'pg';
declare module 'better-sqlite3';
declare module '@backstage/cli/config/nodeTransform.cjs';
