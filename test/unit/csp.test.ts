// CSP audit of every HTML page Strata builds, as strings (the browser tests load the same pages
// in Chromium: test/browser/preview.test.ts, outputs.test.ts, markdownPreview.test.ts):
// - the preview webview (src/extension/previewHtml.ts, built by src/extension/previewPanel.ts):
//   `default-src 'none'`, scripts only by a nonce that is fresh for every page built, no
//   'unsafe-eval' or 'unsafe-inline', no origin but the webview's own resource origin
//   (`webview.cspSource`), no connect/frame/object sources; `localResourceRoots` is only the
//   extension's dist/webview (its build output), command URIs off;
// - the page of `strata render --format html` (src/core/output/html.ts): `default-src 'none'`,
//   no script source at all, images only data:, nothing remote;
// - what the extension adds to VS Code's Markdown preview (```strata fences and
//   media/markdown-preview.css): no script, no handler, nothing remote; no preview scripts;
// - and that these are all: the extension creates no other webview and sets no other HTML.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { analyze } from '../../src/core';
import { HTML_CSP, renderHtml } from '../../src/core/output/html';
import { strataMarkdownItPlugin } from '../../src/core/render/markdownIt';
import { buildPreviewHtml, isNonce, previewCsp } from '../../src/extension/previewHtml';
import { EXAMPLES, ROOT, strataFiles } from '../helpers/paths';

type Policy = Map<string, string[]>;

function parsePolicy(csp: string): Policy {
  const policy: Policy = new Map();
  for (const part of csp.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    assert.ok(!policy.has(name), `directive ${name} twice`);
    policy.set(name.toLowerCase(), sources);
  }
  return policy;
}

/** The policies in a page's <meta http-equiv="Content-Security-Policy"> tags. */
function metaPolicies(html: string): string[] {
  return [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)].map((m) => m[1].replace(/&#39;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
}

const UNSAFE = /^'(unsafe-eval|unsafe-inline|unsafe-hashes|wasm-unsafe-eval|strict-dynamic)'$/i;

/** What must hold for every policy: nothing by default, no unsafe keyword, nothing that fetches, frames or embeds. */
function assertStrictBase(p: Policy, what: string): void {
  assert.deepEqual(p.get('default-src'), ["'none'"], `${what}: default-src 'none'`);
  for (const d of ['connect-src', 'frame-src', 'child-src', 'worker-src', 'object-src', 'manifest-src', 'media-src', 'prefetch-src', 'form-action', 'base-uri', 'navigate-to']) {
    assert.ok(!p.has(d) || (p.get(d)!.length === 1 && p.get(d)![0] === "'none'"), `${what}: ${d} opens something`);
  }
  for (const [d, sources] of p) for (const s of sources) assert.doesNotMatch(s, /^'unsafe-eval'$|^'wasm-unsafe-eval'$/i, `${what}: ${d} allows eval`);
}

// The cspSource values of real hosts: desktop VS Code, code-server's web worker host, vscode.dev.
const CSP_SOURCES = ["'self' https://*.vscode-cdn.net", 'https://file+.vscode-resource.vscode-cdn.net', "https://strata.strata-diagrams.vscode-unpkg.net 'self' https://*.vscode-cdn.net"];
const NONCE = 'AbCdEfGhIjKlMnOpQrStUvWx';
const STYLE_NONCE = 'ZyXwVuTsRqPoNmLkJiHgFeDc';
const NONCES = { script: NONCE, style: STYLE_NONCE };

describe('CSP audit: every page Strata builds', () => {
  describe('the preview webview', () => {
    for (const cspSource of CSP_SOURCES) {
      it(`policy for cspSource ${cspSource}`, () => {
        const own = cspSource.split(' ');
        const p = parsePolicy(previewCsp(cspSource, NONCES));
        assertStrictBase(p, cspSource);
        assert.deepEqual(p.get('script-src'), [`'nonce-${NONCE}'`], 'scripts only by the script nonce: not even the extension’s own files without it');
        assert.deepEqual(p.get('style-src'), [...own, `'nonce-${STYLE_NONCE}'`], 'styles by the style nonce (never the script nonce) or from the extension');
        // Neither falls back to default-src: both must be said.
        assert.deepEqual(p.get('base-uri'), ["'none'"]);
        assert.deepEqual(p.get('form-action'), ["'none'"]);
        assert.deepEqual([...p.keys()].sort(), ['base-uri', 'default-src', 'font-src', 'form-action', 'img-src', 'script-src', 'style-src']);
        for (const [d, sources] of p) {
          for (const s of sources) {
            assert.doesNotMatch(s, UNSAFE, `${d} ${s}`);
            const allowed = s === "'none'" || (d === 'script-src' && s === `'nonce-${NONCE}'`) || (d === 'style-src' && s === `'nonce-${STYLE_NONCE}'`) || own.includes(s) || (d === 'img-src' && (s === 'data:' || s === 'blob:'));
            assert.ok(allowed, `${d}: '${s}' is neither the webview's own origin, the nonce, nor data:/blob: for images`);
          }
        }
      });
    }

    it('refuses a weak nonce and a cspSource that would smuggle a directive', () => {
      for (const bad of ['', 'short', 'a'.repeat(65), 'has space in it 123456', "x'; script-src *"]) {
        assert.throws(() => previewCsp("'self'", { script: bad, style: STYLE_NONCE }), /nonce/);
        assert.throws(() => previewCsp("'self'", { script: NONCE, style: bad }), /nonce/);
      }
      assert.throws(() => previewCsp("'self'", { script: NONCE, style: NONCE }), /must differ/);
      for (const bad of ['', "https://a; script-src 'unsafe-eval'", "'unsafe-inline'", 'https://a,b']) assert.throws(() => previewCsp(bad, NONCES), /cspSource/);
    });

    it('the page: the policy first in <head>, every script by nonce and from dist/webview, no inline script, no handler', () => {
      const base = 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview';
      const html = buildPreviewHtml({ cspSource: CSP_SOURCES[0], nonces: NONCES, scriptUri: `${base}/preview.js`, styleUri: `${base}/preview.css`, mermaidUri: `${base}/mermaidView.js` });
      assert.deepEqual(metaPolicies(html), [previewCsp(CSP_SOURCES[0], NONCES)]);
      assert.match(html, /<head>\s*<meta charset="UTF-8">\s*<meta http-equiv="Content-Security-Policy"/, 'the policy before anything it governs');
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      assert.equal(scripts.length, 1);
      for (const [, attrs, body] of scripts) {
        assert.match(attrs, new RegExp(`nonce="${NONCE}"`));
        assert.ok(attrs.includes(`src="${base}/preview.js"`), attrs);
        assert.equal(body.trim(), '', 'no inline script');
      }
      assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no event handler attribute');
      assert.doesNotMatch(html, /javascript:/i);
      for (const m of html.matchAll(/\b(?:src|href|data-mermaid-src)="([^"]*)"/g)) assert.ok(m[1].startsWith(`${base}/`), `a resource outside dist/webview: ${m[1]}`);
    });

    describe('in the extension (src/extension/previewPanel.ts, with a stand-in for the vscode module)', () => {
      type PanelModule = typeof import('../../src/extension/previewPanel');
      let panelModule: PanelModule;
      const joinPath = (base: { path: string }, ...parts: string[]) => ({ path: [base.path.replace(/\/$/, ''), ...parts].join('/'), toString() { return `file://${this.path}`; } });
      before(() => {
        // Only what previewPanel.ts touches when it is loaded and builds a page.
        const vscode = { Uri: { joinPath }, workspace: { getConfiguration: () => ({ get: (_k: string, d: unknown) => d }) } };
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const Module = require('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
        const load = Module._load;
        Module._load = function (request: string, ...rest: unknown[]) {
          return request === 'vscode' ? vscode : load.call(this, request, ...rest);
        };
        try {
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          panelModule = require('../../src/extension/previewPanel') as PanelModule;
        } finally {
          Module._load = load;
        }
      });

      it('localResourceRoots is only the extension’s dist/webview; command URIs are off; scripts on', () => {
        const options = panelModule.webviewOptions({ path: '/ext' } as never);
        assert.deepEqual(
          (options.localResourceRoots ?? []).map((u) => (u as unknown as { path: string }).path),
          ['/ext/dist/webview'],
        );
        assert.equal(options.enableCommandUris, false);
        assert.equal(options.enableScripts, true);
        // And dist/webview holds only the build output: the bundles and their stylesheet.
        const built = path.join(ROOT, 'dist', 'webview');
        if (fs.existsSync(built)) for (const f of fs.readdirSync(built)) assert.match(f, /^(preview\.js|preview\.css|mermaidView\.js)(\.map)?$/, `dist/webview/${f}`);
      });

      it('a fresh random nonce for every page it builds (10,000 nonces, all different; two pages, two nonces)', () => {
        const seen = new Set<string>();
        for (let i = 0; i < 10_000; i++) {
          const n = panelModule.makeNonce();
          assert.ok(isNonce(n), n);
          assert.equal(n.length, 24);
          seen.add(n);
        }
        assert.equal(seen.size, 10_000);
        // The panel's own page builder (the private `html`), called the way the constructor calls it.
        const fakePanel = { panel: { webview: { cspSource: CSP_SOURCES[0], asWebviewUri: (u: unknown) => u } }, extensionUri: { path: '/ext' } };
        const html = (panelModule.PreviewPanel.prototype as unknown as { html(this: unknown, s: unknown): string }).html;
        const pages = [html.call(fakePanel, panelModule.PREVIEW_DEFAULTS), html.call(fakePanel, panelModule.PREVIEW_DEFAULTS)];
        const nonces = pages.map((p) => /script-src 'nonce-([A-Za-z0-9_-]+)'/.exec(metaPolicies(p)[0])![1]);
        const styleNonces = pages.map((p) => /style-src [^;]*'nonce-([A-Za-z0-9_-]+)'/.exec(metaPolicies(p)[0])![1]);
        assert.notEqual(nonces[0], nonces[1], 'two pages, two nonces');
        assert.notEqual(styleNonces[0], styleNonces[1], 'two pages, two style nonces');
        assert.notEqual(nonces[0], styleNonces[0], 'scripts and styles by different nonces');
        for (const [i, p] of pages.entries()) {
          assert.match(p, new RegExp(`<script nonce="${nonces[i]}" src="file:///ext/dist/webview/preview\\.js"></script>`));
          assertStrictBase(parsePolicy(metaPolicies(p)[0]), `page ${i}`);
        }
      });
    });

    it('the extension creates no other webview and sets no other HTML', () => {
      const dir = path.join(ROOT, 'src', 'extension');
      const hits: string[] = [];
      for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
        const text = fs.readFileSync(path.join(dir, f), 'utf8');
        for (const m of text.matchAll(/createWebviewPanel|registerWebviewViewProvider|registerCustomEditorProvider|registerWebviewPanelSerializer|\.webview\.html\s*=|\.webview\.options\s*=|enableScripts|localResourceRoots/g)) hits.push(`${f}: ${m[0]}`);
        // Every webview panel is created with webviewOptions and nothing that widens them.
        for (const m of text.matchAll(/createWebviewPanel\(([\s\S]*?)\);/g)) {
          assert.match(m[1], /\.\.\.webviewOptions\(/, `${f}: a webview panel without webviewOptions`);
          assert.doesNotMatch(m[1], /localResourceRoots|enableCommandUris:\s*true|portMapping/, `${f}: a panel that widens its options`);
        }
      }
      assert.deepEqual(hits.sort(), [
        'preview.ts: createWebviewPanel',
        'preview.ts: registerWebviewPanelSerializer',
        'previewPanel.ts: .webview.html =',
        'previewPanel.ts: .webview.options =',
        'previewPanel.ts: enableScripts',
        'previewPanel.ts: localResourceRoots',
      ]);
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: Record<string, unknown> };
      assert.equal(pkg.contributes.customEditors, undefined, 'no custom editor (another webview)');
      assert.ok(!JSON.stringify(pkg.contributes.views ?? {}).includes('"webview"'), 'no webview view');
      assert.equal(pkg.contributes['markdown.previewScripts'], undefined, 'no script added to the Markdown preview');
    });
  });

  describe('strata render --format html', () => {
    it('one strict policy, no script source at all, nothing remote', () => {
      const p = parsePolicy(HTML_CSP);
      assertStrictBase(p, 'HTML_CSP');
      assert.equal(p.get('script-src'), undefined, 'no script source: default-src \'none\' forbids every script');
      assert.deepEqual(p.get('img-src'), ['data:']);
      // Inline styles only (the page and the diagram carry their own <style>); no style is fetched.
      assert.deepEqual(p.get('style-src'), ["'unsafe-inline'"]);
      for (const sources of p.values()) for (const s of sources) assert.doesNotMatch(s, /^(https?:|\*|'self'|blob:|\/\/)/, s);
    });

    it('every example, in every theme: the policy, and no script or handler in the page', () => {
      for (const file of strataFiles(EXAMPLES)) {
        for (const theme of ['light', 'dark', 'high-contrast'] as const) {
          const page = renderHtml(analyze(fs.readFileSync(file, 'utf8')), { title: path.basename(file), theme });
          assert.deepEqual(metaPolicies(page), [HTML_CSP], file);
          assert.match(page, /^<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy"/);
          assert.doesNotMatch(page, /<script|\son[a-z]+\s*=|javascript:|https?:\/\/(?!www\.w3\.org\/)/i, file);
        }
      }
    });
  });

  describe('the Markdown preview', () => {
    it('```strata fences of every example: no script, handler, frame or remote reference', () => {
      const md = new MarkdownIt();
      strataMarkdownItPlugin(md);
      for (const file of strataFiles(EXAMPLES)) {
        const html = md.render('```strata\n' + fs.readFileSync(file, 'utf8') + '\n```\n');
        assert.doesNotMatch(html, /<script|<iframe|<object|<embed|<foreignObject|<img|<link|\son[a-z]+\s*=|javascript:/i, file);
        assert.doesNotMatch(html.replace(/xmlns(:\w+)?="http:\/\/www\.w3\.org\/[^"]*"/g, ''), /https?:\/\/|@import|url\((?!#)/i, file);
      }
    });

    it('media/markdown-preview.css loads nothing', () => {
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: Record<string, unknown> };
      const styles = pkg.contributes['markdown.previewStyles'] as string[];
      assert.deepEqual(styles, ['./media/markdown-preview.css']);
      for (const s of styles) {
        const css = fs.readFileSync(path.join(ROOT, s), 'utf8');
        assert.doesNotMatch(css, /@import|url\(|expression\(|behavior:|-moz-binding/i, s);
      }
    });
  });
});
