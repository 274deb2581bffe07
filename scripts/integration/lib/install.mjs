// Idempotent installs for the offline launcher: code-server from the npm registry into the repo's
// git-ignored .tools/ folder, and a Chromium from Debian's archive. Nothing is cached outside the repo
// (npm's cache for these installs lives in .tools/npm-cache).
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exec, log } from './steps.mjs';

export const CODE_SERVER_VERSION = '4.100.3';

/** Environment for nested npm calls: drop npm_* variables inherited from `npm run`. */
function npmEnv(cacheDir) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.toLowerCase().startsWith('npm_')) env[key] = value;
  }
  env.npm_config_cache = cacheDir;
  env.npm_config_audit = 'false';
  env.npm_config_fund = 'false';
  env.npm_config_update_notifier = 'false';
  return env;
}

export function codeServerPaths(toolsDir) {
  const root = path.join(toolsDir, 'code-server');
  const pkg = path.join(root, 'node_modules', 'code-server');
  const vscode = path.join(pkg, 'lib', 'vscode');
  return {
    root,
    pkg,
    vscode,
    entry: path.join(pkg, 'out', 'node', 'entry.js'),
    marker: path.join(root, '.installed'),
    natives: [
      path.join(vscode, 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'),
      path.join(vscode, 'node_modules', 'node-pty', 'build', 'Release', 'pty.node'),
      path.join(vscode, 'node_modules', 'native-watchdog', 'build', 'Release', 'watchdog.node'),
    ],
  };
}

function isInstalled(paths) {
  if (!existsSync(paths.marker)) return false;
  if (readFileSync(paths.marker, 'utf8').trim() !== CODE_SERVER_VERSION) return false;
  return existsSync(paths.entry) && paths.natives.every((file) => existsSync(file));
}

/** Installs code-server@4.100.3 with --ignore-scripts, then builds only the native modules it needs. */
export async function ensureCodeServer(toolsDir) {
  const paths = codeServerPaths(toolsDir);
  if (isInstalled(paths)) {
    log(`code-server ${CODE_SERVER_VERSION} already installed in ${path.relative(process.cwd(), paths.root) || paths.root}`);
    return paths;
  }
  const env = npmEnv(path.join(toolsDir, 'npm-cache'));
  rmSync(paths.root, { recursive: true, force: true });
  mkdirSync(paths.root, { recursive: true });
  writeFileSync(path.join(paths.root, 'package.json'), JSON.stringify({ name: 'iapt-tools-code-server', private: true }, null, 2));
  const npm = (args, cwd) => exec('npm', args, { cwd, env, timeoutMs: 15 * 60_000 });
  const t0 = Date.now();
  const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(0)} s`;

  log(`installing code-server@${CODE_SERVER_VERSION} (npm, --ignore-scripts)`);
  await npm(['install', '--save-exact', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts'], paths.root);
  log(`[${elapsed()}] installing the VS Code server dependencies (server and built-in extensions, in parallel)`);
  await Promise.all([
    npm(['install', '--omit=dev', '--ignore-scripts'], paths.vscode),
    npm(['install', '--omit=dev', '--ignore-scripts'], path.join(paths.vscode, 'extensions')),
  ]);
  log(`[${elapsed()}] building native modules (spdlog, node-pty, native-watchdog, deviceid; argon2 in parallel)`);
  const [argon] = await Promise.all([
    // argon2 is only used for password auth (we run with --auth none): a failed build is not fatal.
    exec('npm', ['rebuild', 'argon2'], { cwd: paths.root, env, allowFailure: true }),
    // node-pty's rebuild reports an error from a post-step although pty.node is built: check the files instead.
    exec('npm', ['rebuild', '@vscode/spdlog', 'node-pty', 'native-watchdog', '@vscode/deviceid'], {
      cwd: paths.vscode,
      env,
      allowFailure: true,
    }),
  ]);
  log(`[${elapsed()}] native modules done`);
  if (argon.code !== 0) log('note: argon2 did not build (not needed with --auth none)');
  const missing = paths.natives.filter((file) => !existsSync(file));
  if (missing.length > 0) throw new Error(`native modules were not built: ${missing.join(', ')}`);
  if (!existsSync(paths.entry)) throw new Error(`code-server entry point missing: ${paths.entry}`);
  writeFileSync(paths.marker, `${CODE_SERVER_VERSION}\n`);
  return paths;
}

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

function findChromium() {
  const fromEnv = process.env.IAPT_CHROMIUM;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`IAPT_CHROMIUM is set to ${fromEnv}, which does not exist`);
    return fromEnv;
  }
  return CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate)) ?? null;
}

/** apt-get install, running `apt-get update` first only when the package lists are stale. */
async function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => exec('apt-get', ['install', '-y', '-q', ...packages], { env, timeoutMs: 20 * 60_000 });
  try {
    await install();
  } catch {
    await exec('apt-get', ['update', '-q'], { env, timeoutMs: 10 * 60_000 });
    await install();
  }
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Debian packages npm test installs system-wide with apt-get (only as root, only when missing). */
export const APT_PACKAGES = ['chromium', 'ripgrep'];

/** What a non-root user without Chromium reads: what to install, and how. */
export function missingChromiumMessage() {
  return 'no Chromium found (looked at IAPT_CHROMIUM and ' + CHROMIUM_CANDIDATES.join(', ') + '). ' +
    `npm test installs the Debian packages ${APT_PACKAGES.join(' and ')} with apt-get only when run as root; as another user, ` +
    `install them once with \`sudo apt-get install -y ${APT_PACKAGES.join(' ')}\` (Debian/Ubuntu), or set IAPT_CHROMIUM to a ` +
    'Chromium/Chrome binary. Everything else is installed under the git-ignored .tools/ folder.';
}

/** Returns a Chromium executable; installs Debian's `chromium` with apt-get when none is found. */
export async function ensureChromium() {
  let found = findChromium();
  if (!found) {
    if (!isRoot()) {
      throw new Error(missingChromiumMessage());
    }
    log('no Chromium found: installing Debian package chromium (apt-get)');
    await aptInstall(['chromium']);
    found = findChromium();
    if (!found) throw new Error('apt-get installed chromium but no binary was found at /usr/bin/chromium');
  }
  const { output } = await exec(found, ['--version'], { timeoutMs: 60_000 });
  log(`browser: ${found} (${output.trim().split('\n').pop()})`);
  return found;
}

/**
 * code-server's file search (Quick Open, Find in Files) runs @vscode/ripgrep's bin/rg, which that package
 * downloads in a postinstall we skip. Link Debian's ripgrep there instead (installed when missing and root).
 * Optional: without it only file search fails, so problems are logged, not thrown.
 */
export async function ensureRipgrep(paths) {
  const target = path.join(paths.vscode, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  if (existsSync(target)) return;
  try {
    if (!existsSync('/usr/bin/rg') && isRoot()) {
      log('installing Debian package ripgrep (for file search in the workbench)');
      await aptInstall(['ripgrep']);
    }
    if (!existsSync('/usr/bin/rg')) {
      log(`note: no ripgrep (/usr/bin/rg): Quick Open and search will not work in UI steps${isRoot() ? '' : '; install it with `sudo apt-get install -y ripgrep`'}`);
      return;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    symlinkSync('/usr/bin/rg', target);
  } catch (error) {
    log(`note: could not provide ripgrep: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
  }
}
