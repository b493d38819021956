// biome-ignore-all lint/suspicious/noConsole: these tests exercise console capture
import { describe, expect, it } from 'vitest';
import { captureStdout } from '../src/index.js';

describe('captureStdout', () => {
  it('records process.stdout.write and console output until restored', () => {
    const capture = captureStdout({ passThrough: false });
    try {
      process.stdout.write('raw\n');
      process.stdout.write(Buffer.from('bytes\n'));
      console.log('logged %d', 1);
      console.info('info');
      console.debug('debug');
    } finally {
      capture.restore();
    }
    expect(capture.writes).toEqual(['raw\n', 'bytes\n', 'logged 1\n', 'info\n', 'debug\n']);
    console.log('after restore');
    expect(capture.writes).toHaveLength(5);
  });

  it('ignores stderr', () => {
    const capture = captureStdout({ passThrough: false });
    try {
      console.error('to stderr');
      console.warn('to stderr');
      process.stderr.write('to stderr\n');
    } finally {
      capture.restore();
    }
    expect(capture.writes).toEqual([]);
  });

  it('restore() is idempotent and puts the originals back', () => {
    const write = process.stdout.write;
    const log = console.log;
    const capture = captureStdout();
    expect(process.stdout.write).not.toBe(write);
    capture.restore();
    capture.restore();
    expect(process.stdout.write).toBe(write);
    expect(console.log).toBe(log);
  });

  it('calls the write callback when not passing through', async () => {
    const capture = captureStdout({ passThrough: false });
    try {
      await new Promise<void>((resolve) => process.stdout.write('x', () => resolve()));
    } finally {
      capture.restore();
    }
    expect(capture.writes).toEqual(['x']);
  });
});
