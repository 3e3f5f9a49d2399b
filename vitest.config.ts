import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the sources; the CLI's end-to-end tests run the built binary.
    alias: {
      '@relnotes/core': src('./packages/core/src/index.ts'),
      '@relnotes/templates': src('./templates/src/index.ts'),
      '@relnotes/git': src('./packages/git/src/index.ts'),
      '@relnotes/github': src('./packages/github/src/index.ts'),
      '@relnotes/github-emulator': src('./packages/github-emulator/src/index.ts'),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'templates/src/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    testTimeout: 30_000,
    reporters: ['default', './scripts/vitest-summary-reporter.ts'],
  },
});
