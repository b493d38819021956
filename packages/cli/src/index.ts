export { type CliIo, CommandError, EXIT, UsageError } from './cli-io.js';
export type { GenerateResult } from './commands/generate-command.js';
export {
  type DockerComposeOptions,
  type GeneratedDockerCompose,
  generateDockerCompose,
} from './commands/generate-docker-compose.js';
export type { DoctorCheck, DoctorReport } from './commands/health-summary.js';
export type { NotifyTestOutcome } from './commands/notify-command.js';
export {
  type InitChoices,
  type RenderedInitConfig,
  renderInitConfig,
} from './commands/render-init-config.js';
export type { ValidateResult } from './commands/validate-command.js';
export { runCli } from './run-cli.js';
