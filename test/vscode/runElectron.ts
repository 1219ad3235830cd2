// Runs the VS Code integration suite (test/vscode/suite, the same files runCodeServer runs) in
// desktop VS Code through @vscode/test-electron, which downloads VS Code into .vscode-test/.
// For contributors with internet access; CI uses runCodeServer (offline).
// Usage: `npm run compile && npm run build && npm run test:electron`.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

const ROOT = path.resolve(__dirname, '../../..');

async function main(): Promise<void> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-vscode-electron-'));
  fs.cpSync(path.join(ROOT, 'test/vscode/workspace'), workspace, { recursive: true });
  try {
    await runTests({
      // The version code-server 4.100.3 ships, so both launchers test the same editor.
      version: process.env.VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'out/test/vscode/suite/index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
