// Runs the real preview webview in a real headless Chromium: a local HTTP server on 127.0.0.1
// serves the page built by the extension's own `buildPreviewHtml` (the real CSP, a fresh nonce
// per load) and the real bundles from dist/webview; `acquireVsCodeApi` is a stand-in that hands
// every posted message to a fake extension in Node. The fake extension validates what the
// webview sends with the protocol's schemas and answers with updates built by the same
// `buildSnapshot` the extension uses. Everything the page does is recorded: messages, console,
// dialogs, requests and CSP violations.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { analyze, type Analysis } from '../../src/core';
import { type PageNonces, buildPreviewHtml } from '../../src/extension/previewHtml';
import { buildSnapshot } from '../../src/extension/previewSnapshot';
import { type CompareBase, BaseAnalyses, applyComparison } from '../../src/extension/previewDiff';
import { fromWebviewMessage, parseMessage, type FromWebviewMessage, type Theme, type ThemeChoice, type ToWebviewMessage, type UpdateMessage, type View } from '../../src/shared/previewProtocol';
import { ROOT } from '../helpers/paths';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];
export const DIST_WEBVIEW = path.join(ROOT, 'dist', 'webview');
export const ARTIFACTS = path.join(ROOT, '.test-artifacts');

// The functions given to the page run there; these are their globals (this program is compiled
// without the DOM library).
declare const window: { postMessage(m: unknown, origin: string): void };
declare const document: {
  addEventListener(type: 'securitypolicyviolation', f: (e: { violatedDirective: string; blockedURI: string; sample: string }) => void): void;
};

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html' };

export interface PageOptions {
  /** How the extension side analyses the text (default `analyze`). */
  readonly analyzer?: (text: string) => Analysis;
  /** The body class VS Code would set (`vscode-light`, `vscode-dark`, `vscode-high-contrast`). */
  bodyClass?: string;
  themeChoice?: ThemeChoice;
  /** State the webview finds in `getState()` (as after a reload). */
  state?: unknown;
  viewport?: { width: number; height: number };
}

/** The HTTP server for the page and the bundles; `nonces` holds the nonce of every page served. */
export class PreviewServer {
  readonly nonces: PageNonces[] = [];
  /** Every path requested, in order. */
  readonly requests: string[] = [];
  private constructor(
    private readonly server: http.Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<PreviewServer> {
    for (const f of ['preview.js', 'preview.css', 'mermaidView.js']) {
      if (!fs.existsSync(path.join(DIST_WEBVIEW, f))) throw new Error(`dist/webview/${f} is missing: run \`node esbuild.js\` first`);
    }
    let self: PreviewServer | undefined;
    const server = http.createServer((req, res) => self!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    self = new PreviewServer(server, `http://127.0.0.1:${port}`);
    return self;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.origin);
    this.requests.push(url.pathname);
    if (url.pathname === '/preview.html') {
      const fresh = () => Buffer.from(Array.from({ length: 18 }, () => Math.floor(Math.random() * 256))).toString('base64url');
      const nonces = { script: fresh(), style: fresh() };
      this.nonces.push(nonces);
      let html = buildPreviewHtml({
        cspSource: this.origin,
        nonces,
        scriptUri: `${this.origin}/webview/preview.js`,
        styleUri: `${this.origin}/webview/preview.css`,
        mermaidUri: `${this.origin}/webview/mermaidView.js`,
        themeChoice: (url.searchParams.get('theme') as ThemeChoice | null) ?? 'auto',
      });
      // VS Code's webview host sets the theme class on <body>; so does this page.
      html = html.replace('<body ', `<body class="${url.searchParams.get('body') ?? 'vscode-light'}" `);
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
      res.end(html);
      return;
    }
    const m = /^\/webview\/([A-Za-z]+\.(js|css))$/.exec(url.pathname);
    if (m) {
      const file = path.join(DIST_WEBVIEW, m[1]);
      if (fs.existsSync(file)) {
        res.writeHead(200, { 'content-type': TYPES[path.extname(file)], 'cache-control': 'no-store' });
        fs.createReadStream(file).pipe(res);
        return;
      }
    }
    res.writeHead(404);
    res.end();
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Stand-in for VS Code's webview API, installed before any page script runs. */
function installFakeVsCodeApi(state: unknown): void {
  const w = window as unknown as Record<string, unknown>;
  w.__state = state;
  w.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    (w.__violations as unknown[]).push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
  });
  let acquired = false;
  w.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi called twice');
    acquired = true;
    return {
      postMessage: (message: unknown) => {
        // In-page listeners first (the bench times from inside the page), then Node.
        for (const listener of (w.__postListeners as ((m: unknown) => void)[] | undefined) ?? []) listener(message);
        (w.__strataPost as (m: unknown) => void)(JSON.parse(JSON.stringify(message)));
      },
      getState: () => w.__state,
      setState: (s: unknown) => {
        w.__state = JSON.parse(JSON.stringify(s));
      },
    };
  };
}

/** A preview suite's page server and browser (set in its `before` hook), and a way to open the preview. */
export interface PreviewBrowser {
  readonly browser: Browser;
  readonly server: PreviewServer;
  /** `FakeExtension.open` on this suite's browser and server. */
  open(text: string, options?: PageOptions): Promise<FakeExtension>;
}

/** Mocha hooks for a preview suite in Chromium: one page server and one browser for the suite, closed after it. */
export function usePreviewBrowser(): PreviewBrowser {
  let browser: Browser | undefined;
  let server: PreviewServer | undefined;
  before(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    server = await PreviewServer.start();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get browser() {
      return browser!;
    },
    get server() {
      return server!;
    },
    open: (text, options) => FakeExtension.open(browser!, server!, text, options),
  };
}

export interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

/**
 * The extension's side of one preview, in Node: keeps the same state as PreviewPanel (options
 * from the webview, the last good analysis, whether the webview shows a diagram) and answers
 * like it does.
 */
export class FakeExtension {
  readonly received: FromWebviewMessage[] = [];
  readonly invalid: unknown[] = [];
  readonly console: { type: string; text: string }[] = [];
  readonly dialogs: string[] = [];
  readonly pageErrors: string[] = [];
  /** Requests that left for anywhere but the test server. */
  readonly foreignRequests: string[] = [];
  view: View = 'layers';
  theme: Theme = 'light';
  showLinks = true;
  /** The picture's focus, from the webview's options (as PreviewPanel keeps it). */
  focus: string | undefined;
  private choicesKey: string | undefined;
  /** How the text is analysed (default `analyze`; a project test gives a file of its project). */
  analyzer: (text: string) => Analysis = (text) => analyze(text);
  text = '';
  version = 0;
  uri = 'file:///work/example.strata';
  private analysis: Analysis | undefined;
  private lastGood: Analysis | undefined;
  private hasDiagram = false;
  readonly folded = new Set<string>();
  readonly unfolded = new Set<string>();
  /** Diff mode, as the panel keeps it (src/extension/previewDiff.ts): the base and whether the change is shown. */
  compare: { base: CompareBase; active: boolean } | undefined;
  private readonly bases = new BaseAnalyses();
  private waiters: (() => void)[] = [];

  private constructor(
    readonly page: Page,
    readonly context: BrowserContext,
    readonly server: PreviewServer,
  ) {}

  /** Opens the preview page and waits for its `ready`; the first update is sent in reply. */
  static async open(browser: Browser, server: PreviewServer, text: string, options: PageOptions = {}): Promise<FakeExtension> {
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1100, height: 700 } });
    const page = await context.newPage();
    const ext = new FakeExtension(page, context, server);
    ext.text = text;
    ext.version = 1;
    if (options.analyzer) ext.analyzer = options.analyzer;
    await page.exposeFunction('__strataPost', (m: unknown) => ext.onPost(m));
    await page.addInitScript(installFakeVsCodeApi, options.state ?? null);
    page.on('console', (m) => ext.console.push({ type: m.type(), text: m.text() }));
    page.on('pageerror', (e) => ext.pageErrors.push(e.message));
    page.on('dialog', (d) => {
      ext.dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss().catch(() => undefined);
    });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.origin + '/') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      ext.foreignRequests.push(url);
      return route.abort();
    });
    const query = new URLSearchParams({ body: options.bodyClass ?? 'vscode-light', theme: options.themeChoice ?? 'auto' });
    await page.goto(`${server.origin}/preview.html?${query}`);
    await ext.waitFor(() => ext.received.some((m) => m.type === 'ready'), 'the webview to say ready');
    await ext.waitForRendered(1);
    return ext;
  }

  private onPost(raw: unknown): void {
    const message = parseMessage(fromWebviewMessage, raw);
    if (!message) {
      this.invalid.push(raw);
      return;
    }
    this.received.push(message);
    if (message.type === 'ready' || message.type === 'options') {
      const linksChanged = message.showLinks !== this.showLinks || message.focus !== this.focus;
      const toMermaid = message.view !== this.view && (message.view === 'mermaid' || message.view === 'stats');
      this.view = message.view;
      this.theme = message.theme;
      this.showLinks = message.showLinks;
      this.focus = message.focus;
      if (message.type === 'ready') {
        this.hasDiagram = false;
        this.choicesKey = undefined;
        void this.sendUpdate();
      } else if (linksChanged || toMermaid) void this.sendUpdate(linksChanged);
    } else if (message.type === 'compare' && this.compare) {
      this.compare.active = message.on;
      this.hasDiagram = false;
      void this.sendUpdate(true);
    } else if (message.type === 'fold') {
      (message.folded ? this.folded : this.unfolded).add(message.id);
      (message.folded ? this.unfolded : this.folded).delete(message.id);
      void this.sendUpdate(true);
    }
    for (const w of this.waiters.splice(0)) w();
  }

  /** Sends the update of the current text, as the extension would after its debounce. */
  async sendUpdate(forceDiagram = false): Promise<UpdateMessage> {
    if (!this.analysis || this.analysis.text !== this.text) this.analysis = this.analyzer(this.text);
    const snapshot = buildSnapshot({
      uri: this.uri,
      title: 'example.strata',
      version: this.version,
      analysis: this.analysis,
      lastGood: this.lastGood,
      webviewHasDiagram: this.hasDiagram,
      forceDiagram,
      theme: this.theme,
      showLinks: this.showLinks,
      folded: this.folded,
      unfolded: this.unfolded,
      mermaid: this.view === 'mermaid',
      stats: this.view === 'stats',
      focus: this.focus,
      choicesKey: this.choicesKey,
    });
    this.choicesKey = snapshot.choicesKey;
    this.lastGood = snapshot.lastGood;
    if (this.compare) applyComparison(snapshot.message, snapshot.whole, this.compare, this.bases, { theme: this.theme, options: {}, file: 'example.strata' });
    if (snapshot.message.svg !== undefined) this.hasDiagram = true;
    await this.send(snapshot.message);
    return snapshot.message;
  }

  /** A new version of the document. */
  async edit(text: string): Promise<UpdateMessage> {
    this.text = text;
    this.version++;
    return this.sendUpdate();
  }

  async send(message: ToWebviewMessage | unknown): Promise<void> {
    await this.page.evaluate((m) => window.postMessage(m, '*'), message as object);
  }

  /** Resolves when `check` holds after some message from the webview (or now). */
  waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; received: ${JSON.stringify(this.received.map((m) => m.type))}; errors: ${this.pageErrors.join(' | ')}`)), timeoutMs);
      const again = () => {
        if (check()) {
          clearTimeout(timer);
          resolve();
        } else this.waiters.push(again);
      };
      this.waiters.push(again);
    });
  }

  lastOf<T extends FromWebviewMessage['type']>(type: T): Extract<FromWebviewMessage, { type: T }> | undefined {
    for (let i = this.received.length - 1; i >= 0; i--) if (this.received[i].type === type) return this.received[i] as Extract<FromWebviewMessage, { type: T }>;
    return undefined;
  }

  /** Waits until the webview reports it has shown `version`. */
  waitForRendered(version: number): Promise<void> {
    return this.waitFor(() => this.received.some((m) => m.type === 'rendered' && m.version >= version), `the webview to show version ${version}`);
  }

  violations(): Promise<Violation[]> {
    return this.page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations);
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

/** The example models: examples/ when it has any, else the parser fixtures that are whole models. */
export function exampleFiles(): string[] {
  const dir = path.join(ROOT, 'examples');
  const examples = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.strata')).map((f) => path.join(dir, f)) : [];
  if (examples.length > 0) return examples.sort();
  const fixtures = path.join(ROOT, 'test', 'fixtures', 'parser');
  return ['language-page-example.strata', 'mixed.strata', 'unicode.strata'].map((f) => path.join(fixtures, f)).filter((f) => fs.existsSync(f));
}
