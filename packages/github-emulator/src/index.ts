export { type GenerateFixtureRepoOptions, generateFixtureRepo } from './generate-fixture-repo.js';
export { startGitHubEmulator } from './server.js';
export type {
  EmulatorOptions,
  EmulatorStats,
  Fault,
  FaultKind,
  FaultPlan,
  FixtureCommit,
  FixturePullRequest,
  FixtureRelease,
  FixtureRepo,
  FixtureTag,
  GitHubEmulator,
  RequestLogEntry,
} from './types.js';
