import type { TestProject } from 'vitest/node';
import { findPostgresBinaries, type RunningPostgres, startPostgres } from './start-postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The throwaway cluster's database URL; undefined when PostgreSQL is not installed. */
    postgresUrl: string | undefined;
    /** Why the PostgreSQL tests are skipped, when they are. */
    postgresMissing: string | undefined;
  }
}

/** One throwaway PostgreSQL for the whole run (initdb takes seconds), stopped by PID at the end. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const binaries = findPostgresBinaries();
  if ('missing' in binaries) {
    project.provide('postgresUrl', undefined);
    project.provide('postgresMissing', binaries.missing);
    return async () => {};
  }
  const postgres: RunningPostgres = await startPostgres({ database: 'bookshop' });
  project.provide('postgresUrl', postgres.url);
  project.provide('postgresMissing', undefined);
  return () => postgres.stop();
}
