import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../main.ts', import.meta.url));

/**
 * The real server, from source, as a child process: for the tests that kill it, run two of it, or
 * watch it shut down. It listens on a free port in production mode and logs at info, without the test
 * database's URL unless `env` names one. `ready` is its URL once it says so; `exited` is its exit code,
 * or the signal that killed it; `output` is everything it printed, for failure messages and log checks.
 */
export function startServerProcess(env: Record<string, string>, name = 'server') {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    cwd: path.dirname(main),
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', TEST_DATABASE_URL: '', PORT: '0', ...env },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /ready at (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match) {
        clearInterval(timer);
        resolve(match[1]!);
      }
    }, 100);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`${name} exited before it was ready:\n${output}`));
    });
  });
  return { name, child, exited, ready, output: () => output };
}
export type ServerProcess = ReturnType<typeof startServerProcess>;
