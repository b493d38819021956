import { runCli } from './run-cli.js';

// The bin entry: the only place that touches the process. Exit through exitCode so stdout drains.
process.exitCode = await runCli(process.argv.slice(2));
