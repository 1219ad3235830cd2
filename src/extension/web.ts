// Entry point of the extension in a web extension host (vscode.dev, github.dev, code-server's
// web worker host): package.json `browser` → dist/web/extension.js, bundled by esbuild for the
// browser. It is the Node entry's `activate` itself, so both hosts register the same features;
// that works because every feature uses only the `vscode` API, the core and web APIs. The build
// keeps it so: platform 'browser' resolves no Node module (a Node import fails the build; the
// strata.config.json lookup uses vscode.workspace.fs), and `npm run test:web` audits the bundle
// for Node globals and runs the features in a real web worker host.
// If a feature ever needs Node, register the web-safe subset here instead and say what is left out.
export { activate, deactivate, type StrataExtensionApi } from './extension';
