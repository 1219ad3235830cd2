#!/usr/bin/env node
// Posts or updates ONE comment on a pull request: the action's sticky review comment. The
// comment is found by a marker on its first line (an HTML comment GitHub does not show), so
// each push edits the same comment instead of adding one, and other comments (people's, other
// bots') are never touched. Plain Node 20 (fetch), no dependencies, so the action can run it
// before anything is installed.
//
//   node scripts/stickyComment.js <body-file>
//
// Environment (GitHub Actions sets the first three): GITHUB_API_URL, GITHUB_REPOSITORY
// (owner/name), GH_TOKEN or GITHUB_TOKEN; PR (the pull request's number); STRATA_MARKER (the
// marker, default `<!-- strata-architecture-review -->`). Prints `created <id>` or
// `updated <id>`; exits 1 with one line saying what failed.
'use strict';
const fs = require('node:fs');

const MAX_BODY = 65536; // GitHub refuses longer comment bodies.
const MAX_PAGES = 50;

async function main() {
  const [file] = process.argv.slice(2);
  const api = (process.env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
  const repo = process.env.GITHUB_REPOSITORY || '';
  const pr = process.env.PR || '';
  const token = process.env.GH_TOKEN || process.env.GITHUB_TOKEN || '';
  const marker = process.env.STRATA_MARKER || '<!-- strata-architecture-review -->';
  if (!file) throw new Error('name the file that holds the comment: node scripts/stickyComment.js <body-file>');
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new Error(`GITHUB_REPOSITORY should be owner/name, not '${repo}'`);
  if (!/^\d+$/.test(pr)) throw new Error(`PR should be the pull request's number, not '${pr}'`);
  if (!token) throw new Error('no token: set GH_TOKEN (e.g. to ${{ github.token }})');
  let body = fs.readFileSync(file, 'utf8');
  if (!body.startsWith(marker)) body = `${marker}\n${body}`;
  if (body.length > MAX_BODY) body = body.slice(0, MAX_BODY - 200) + '\n\n_Cut at GitHub\'s comment size limit: the run\'s artifact has it all._\n';

  const headers = { Accept: 'application/vnd.github+json', Authorization: `Bearer ${token}`, 'X-GitHub-Api-Version': '2022-11-28', 'User-Agent': 'strata-action' };
  const call = async (method, url, payload) => {
    const res = await fetch(url, { method, headers: payload ? { ...headers, 'Content-Type': 'application/json' } : headers, body: payload ? JSON.stringify(payload) : undefined });
    if (!res.ok) throw new Error(`${method} ${url.replace(api, '')} answered ${res.status} ${res.statusText}${res.status === 403 ? ' (a read-only token: pull requests from forks cannot be commented on)' : ''}`);
    return res.json();
  };

  let found;
  for (let page = 1; page <= MAX_PAGES && !found; page++) {
    const list = await call('GET', `${api}/repos/${repo}/issues/${pr}/comments?per_page=100&page=${page}`);
    if (!Array.isArray(list)) throw new Error('the comment list is not a list');
    found = list.find((c) => typeof c.body === 'string' && c.body.startsWith(marker));
    if (list.length < 100) break;
  }
  if (found) {
    await call('PATCH', `${api}/repos/${repo}/issues/comments/${found.id}`, { body });
    process.stdout.write(`updated ${found.id}\n`);
  } else {
    const made = await call('POST', `${api}/repos/${repo}/issues/${pr}/comments`, { body });
    process.stdout.write(`created ${made.id}\n`);
  }
}

main().catch((e) => {
  process.stderr.write(`stickyComment: ${e.message}\n`);
  process.exit(1);
});
