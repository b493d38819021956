import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CONFIG_FILE_NAMES } from '@mcp-o11y/core';
import { type CliIo, EXIT } from '../cli-io.js';
import type { Command } from '../command.js';
import { commaListOption, parseCommandArgs, stringOption } from '../parse-command-args.js';
import { BACKEND_TEMPLATES, NOTIFIER_TEMPLATES } from './init-templates.js';
import { renderInitConfig } from './render-init-config.js';

const HELP = `Usage: mcp-o11y init [options]

Writes a commented mcp-o11y.config.yaml for the chosen backends and notifiers, with \${ENV}
placeholders for every secret. Check it afterwards with \`mcp-o11y validate\`.

Options:
  --backends <list>   comma-separated: ${Object.keys(BACKEND_TEMPLATES).join(', ')}
                      (default: prometheus; "none" for the in-memory backend only)
  --notifiers <list>  comma-separated: ${Object.keys(NOTIFIER_TEMPLATES).join(', ')}
                      (default: none, alerts go to the console)
  --out <file>        where to write (default: ${CONFIG_FILE_NAMES[0]}; "-" for stdout)
  --force             overwrite an existing file
  -h, --help          show this help

Prints the path written. Exit codes: 0 written, 1 the file exists (use --force), 2 usage error.
`;

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(
    'init',
    argv,
    {
      backends: { type: 'string' },
      notifiers: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean' },
    },
    0,
  );
  if (args.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  const backends = commaListOption(args, 'backends') ?? ['prometheus'];
  const rendered = renderInitConfig({
    backends: backends.length === 1 && backends[0] === 'none' ? [] : backends,
    notifiers: commaListOption(args, 'notifiers') ?? [],
  });
  const out = stringOption(args, 'out') ?? CONFIG_FILE_NAMES[0];
  if (out === '-') {
    io.stdout.write(rendered.yaml);
    return EXIT.ok;
  }
  const file = resolve(io.cwd, out);
  try {
    await writeFile(file, rendered.yaml, { encoding: 'utf8', flag: args.values.force === true ? 'w' : 'wx' });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'EEXIST') {
      io.stderr.write(`mcp-o11y init: ${file} exists; pass --force to overwrite it\n`);
      return EXIT.failure;
    }
    throw error;
  }
  io.stdout.write(`${file}\n`);
  io.stderr.write(`mcp-o11y init: install ${rendered.packages.join(' ')}\n`);
  if (rendered.requiredEnv.length > 0) {
    io.stderr.write(`mcp-o11y init: set ${rendered.requiredEnv.join(', ')} before starting\n`);
  }
  return EXIT.ok;
}

/** `mcp-o11y init`. */
export const initCommand: Command = {
  name: 'init',
  summary: 'write a commented config file for the chosen backends and notifiers',
  help: HELP,
  run,
};
