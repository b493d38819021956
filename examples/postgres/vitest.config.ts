import { defineTestConfig } from '../../vitest.shared.ts';

export default defineTestConfig({ globalSetup: ['test/postgres-global-setup.ts'] });
