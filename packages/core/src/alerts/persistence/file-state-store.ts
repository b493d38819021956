import { randomBytes } from 'node:crypto';
import { access, mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { StateStoreV1 } from '../../spec/alerts/v1/state-store-v1.js';
import type { LoggerV1 } from '../../spec/logs/v1/logger-v1.js';
import { assertStateKey, toStateJson } from './state-key.js';

/** Env variable naming the state directory when `directory` is not given. */
export const STATE_DIR_ENV = 'MCP_O11Y_STATE_DIR';

/** Options of {@link FileStateStore}. */
export interface FileStateStoreOptions {
  /**
   * Directory holding one `<key>.json` file per key; relative paths resolve against the working directory.
   * Created with mode 0700 on the first save. Default: env `MCP_O11Y_STATE_DIR`, else `.mcp-o11y/state`
   * under `process.cwd()`, read when the store is created.
   */
  readonly directory?: string;
  /** Receives the warning when a corrupt file is quarantined. Default: `process.emitWarning`. */
  readonly logger?: LoggerV1;
}

/** Marks our files, so a foreign or hand-edited JSON file is recognised as not ours. */
const formatVersion = 1;

interface StateEnvelope {
  readonly mcpO11yState: number;
  readonly key: string;
  readonly savedAt: string;
  readonly value: unknown;
}

// `.<key>.json.<pid>.<hex>.tmp`: the leading dot keeps temps apart from keys (a key cannot start with one).
const tempFilePattern = /^\..+\.(\d+)\.[0-9a-f]+\.tmp$/;

/** Names of quarantined files, `<key>.json.corrupt-<epoch ms>[-<n>]`; group 1 is the key. */
export const QUARANTINED_FILE_PATTERN = /^(.+)\.json\.corrupt-\d+(?:-\d+)?$/;

/**
 * The embedded `StateStoreV1`: one JSON file per key in a directory. A save writes a temp file in the
 * same directory, fsyncs it, renames it over `<key>.json` and fsyncs the directory, so a crash (even
 * SIGKILL or power loss on a journaling file system) leaves the previous file or the new one, never a
 * torn one. Temp files left by a killed process are removed on first use.
 *
 * A file that is not valid state (hand-edited, truncated by a disk fault, from another tool) is
 * quarantined: renamed to `<key>.json.corrupt-<ms>`, reported with a warning naming both paths (and by the
 * `alert-state` health check while the moved file is there), and the key loads as empty. Alerting comes back up instead of refusing to start; the worst case is one repeat
 * notification, and the bad file stays for inspection.
 */
export class FileStateStore implements StateStoreV1 {
  readonly specificationVersion = 'v1' as const;
  /** The absolute directory the files live in. */
  readonly directory: string;
  readonly #logger: LoggerV1 | undefined;
  // Per key, the tail of its operations: saves apply in call order and a load sees every earlier save.
  readonly #tails = new Map<string, Promise<unknown>>();
  #prepared: Promise<void> | undefined;
  #closed = false;

  constructor(options: FileStateStoreOptions = {}) {
    const configured = options.directory ?? process.env[STATE_DIR_ENV];
    const directory = configured === undefined || configured === '' ? '.mcp-o11y/state' : configured;
    this.directory = path.resolve(process.cwd(), directory);
    this.#logger = options.logger;
  }

  load(key: string): Promise<unknown | undefined> {
    return this.#enqueue(key, () => this.#read(key));
  }

  save(key: string, value: unknown): Promise<void> {
    return this.#enqueue(key, () => {
      // Serialised before any I/O, so a value that cannot be saved leaves the file untouched.
      const envelope: StateEnvelope = {
        mcpO11yState: formatVersion,
        key,
        savedAt: new Date().toISOString(),
        value: JSON.parse(toStateJson(key, value)),
      };
      return this.#write(key, `${JSON.stringify(envelope)}\n`);
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled([...this.#tails.values()]);
  }

  /** Path of the file holding `key`. */
  fileOf(key: string): string {
    assertStateKey(key);
    return path.join(this.directory, `${key}.json`);
  }

  #enqueue<T>(key: string, operation: () => Promise<T>): Promise<T> {
    if (this.#closed) {
      return Promise.reject(new Error('[@mcp-o11y/core] FileStateStore is closed; create a new one.'));
    }
    try {
      assertStateKey(key);
    } catch (error) {
      return Promise.reject(error);
    }
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(
      () => this.#prepare().then(operation),
      () => this.#prepare().then(operation),
    );
    const tail = result.catch(() => undefined);
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  async #read(key: string): Promise<unknown | undefined> {
    const file = this.fileOf(key);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new Error(
        `[@mcp-o11y/core] cannot read state file ${file}: ${(error as Error).message}. ` +
          `Check its permissions, or point ${STATE_DIR_ENV} at a writable directory.`,
        { cause: error },
      );
    }
    const problem = envelopeProblem(text, key);
    if (problem === undefined) return (JSON.parse(text) as StateEnvelope).value;
    await this.#quarantine(file, key, problem);
    return undefined;
  }

  async #quarantine(file: string, key: string, problem: string): Promise<void> {
    const moved = await freeName(`${file}.corrupt-${Date.now()}`);
    await rename(file, moved);
    const message =
      `[@mcp-o11y/core] state file ${file} is not valid mcp-o11y state (${problem}); moved it to ${moved} ` +
      `and started "${key}" empty. Alerts may notify once more; inspect or delete the moved file.`;
    if (this.#logger !== undefined) this.#logger.warn(message, { file, quarantinedTo: moved });
    else process.emitWarning(message, { code: 'MCP_O11Y_STATE_CORRUPT' });
  }

  async #write(key: string, text: string): Promise<void> {
    const file = this.fileOf(key);
    const temp = path.join(
      this.directory,
      `.${key}.json.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
    );
    try {
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw new Error(
        `[@mcp-o11y/core] cannot save state "${key}" to ${file}: ${(error as Error).message}. ` +
          `The previous value is kept; free disk space or fix the directory's permissions (${STATE_DIR_ENV}).`,
        { cause: error },
      );
    }
    await syncDirectory(this.directory);
  }

  // Once per store: create the directory and remove temps of processes that died mid-save.
  #prepare(): Promise<void> {
    this.#prepared ??= (async () => {
      await mkdir(this.directory, { recursive: true, mode: 0o700 });
      for (const name of await readdir(this.directory)) {
        const pid = tempFilePattern.exec(name)?.[1];
        if (pid !== undefined && !isAlive(Number(pid))) {
          await unlink(path.join(this.directory, name)).catch(() => undefined);
        }
      }
    })();
    return this.#prepared;
  }
}

/** Why `text` is not a valid envelope for `key`, or `undefined` when it is. */
function envelopeProblem(text: string, key: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return `not JSON: ${(error as Error).message}`;
  }
  if (typeof parsed !== 'object' || parsed === null || !('mcpO11yState' in parsed)) {
    return 'no mcpO11yState marker';
  }
  const envelope = parsed as Partial<StateEnvelope>;
  if (envelope.mcpO11yState !== formatVersion) return `unknown format ${String(envelope.mcpO11yState)}`;
  if (envelope.key !== key) return `holds key ${JSON.stringify(envelope.key)}`;
  if (!('value' in envelope)) return 'no value';
  return undefined;
}

// Two quarantines within one millisecond must not overwrite the first moved file.
async function freeName(base: string): Promise<string> {
  for (let attempt = 0; ; attempt += 1) {
    const name = attempt === 0 ? base : `${base}-${attempt}`;
    try {
      await access(name);
    } catch {
      return name;
    }
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Makes the rename itself durable. Not every platform can open a directory (Windows): best effort.
async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The rename is already atomic; only its durability across power loss is weaker here.
  }
}
