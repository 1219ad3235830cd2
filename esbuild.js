// Bundles the extension, the CLI, the core library and the webview with esbuild.
// `node esbuild.js` builds minified bundles; `--watch` rebuilds on change.
const esbuild = require('esbuild');

const watch = process.argv.includes('--watch');
const production = !process.argv.includes('--dev');

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  {
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
  },
  // The same extension for web extension hosts (vscode.dev, github.dev): package.json `browser`.
  // platform 'browser' leaves Node built-ins unresolvable, so a Node import anywhere in the
  // extension fails this build: every feature uses only the `vscode` API (strata.config.json is
  // read through vscode.workspace.fs), the core and web APIs.
  {
    entryPoints: ['src/extension/web.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    external: ['vscode'],
    mainFields: ['browser', 'module', 'main'],
    // `Buffer` is undefined in a web worker. yaml and fast-xml-parser (strata import) only touch it
    // behind `typeof Buffer` guards; defining it as undefined makes those guards constant, so the
    // bundle holds no Node global (npm run test:web audits that).
    define: { 'process.env.NODE_ENV': '"production"', Buffer: 'undefined' },
  },
  {
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
    define: { STRATA_VERSION: JSON.stringify(require('./package.json').version) },
  },
  {
    entryPoints: ['src/core/index.ts'],
    outfile: 'dist/core.js',
    platform: 'neutral',
    format: 'cjs',
    mainFields: ['module', 'main'],
  },
  // The preview webview: a separate browser program (src/webview; its host side is
  // src/extension/preview*.ts, the messages src/shared). preview.js is small (no core, no mermaid);
  // mermaidView.js holds mermaid and is loaded only when the Mermaid view is opened.
  {
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview/preview.js',
    platform: 'browser',
    format: 'iife',
  },
  {
    entryPoints: ['src/webview/mermaidView.ts'],
    outfile: 'dist/webview/mermaidView.js',
    platform: 'browser',
    format: 'iife',
  },
  {
    entryPoints: ['src/webview/preview.css'],
    outfile: 'dist/webview/preview.css',
  },
];

async function main() {
  const common = { bundle: true, minify: production, sourcemap: !production, target: 'es2022', logLevel: 'warning', metafile: true };
  const contexts = await Promise.all(builds.map((b) => esbuild.context({ ...common, ...b })));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    console.log('esbuild: watching');
    return;
  }
  for (const ctx of contexts) {
    const result = await ctx.rebuild();
    for (const [file, info] of Object.entries(result.metafile.outputs)) {
      if (!file.endsWith('.map')) console.log(`${file}  ${(info.bytes / 1024).toFixed(1)} KiB`);
    }
    await ctx.dispose();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
