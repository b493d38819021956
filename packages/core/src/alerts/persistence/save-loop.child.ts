// Child process of the crash test: saves an ever larger, self-checking value in a loop and prints each
// completed sequence number, until the parent kills it with SIGKILL.
import { FileStateStore } from './file-state-store.js';

const directory = process.argv[2];
if (directory === undefined) throw new Error('usage: save-loop.child.ts <directory>');
const store = new FileStateStore({ directory });
for (let seq = 1; ; seq += 1) {
  const data = String(seq % 10).repeat(256 * 1024 + seq);
  await store.save('series', { seq, length: data.length, data });
  process.stdout.write(`${seq}\n`);
}
