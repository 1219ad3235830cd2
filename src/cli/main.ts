// The `strata` command line: a thin caller of the core. `strata check` validates models for CI;
// `strata render` draws one as SVG or mermaid.
// Exit codes: 0 clean, 1 findings over the threshold, 2 usage error, unreadable file or internal error.
import { runCheck } from './check';
import { guardStandardStreams, failureLine } from './io';
import { terminalText } from '../core/output/findings';
import { runDiff } from './diff';
import { runImport } from './import';
import { runRender } from './render';
import { runStats } from './stats';

export const USAGE = `Usage: strata <command> [options]

Commands:
  check [--format text|json|github|sarif] [--max-warnings N] [--fix] [--against <source>]... <files or folders...>
      Validate .strata files (folders are searched for *.strata; - reads stdin).
      --fix first applies every safe fix to the files (UTF-8 files only), atomically.
      --against (repeatable) names deployment sources (as for import) to compare the model with:
      the drift rule reports what is deployed but not modelled, modelled but not deployed, or
      different. Without it, the config's "sources" are used.
      Exit code 0: no errors and at most N warnings; 1: findings over that; 2: usage, read or
      write error.
  render <file> [--format svg|mermaid] [-o out] [--theme light|dark|high-contrast]
  render <file> --format markdown|html [-o out] [--theme light|dark|high-contrast]
      Draw a model as the layered SVG (default), as mermaid flowchart text, as Markdown (mermaid
      diagram, findings, stats) or as one self-contained HTML page, to stdout or to a file
      (- reads stdin). Exit code 0 even with findings; 2: usage, read or write error.
  diff <base> <head> | diff --git <rev> <file>  [--format text|markdown|json|svg|html]
       [--fail-on new-errors|new-warnings] [-o out] [--theme light|dark|high-contrast] [--full]
      What a change does to the architecture: nodes added, removed and moved, properties and
      links changed, findings introduced and resolved, kernels, OS instances, overhead and
      tenants newly sharing a kernel. --git reads the base with git show <rev>:<file>; either
      file may be - for stdin.
      svg and html draw ONE picture of both versions with every change marked; markdown is the
      pull-request comment (that picture as mermaid, a summary table, the full list). The
      pictures fold unchanged parts; --full draws everything.
      Exit code 1 when --fail-on is reached (new-warnings counts errors too); 2: usage, read or
      git error.
  stats <file> [--format text|json|markdown] [--what-if containerize|isolate-tenants]
      Capacity vs allocation, kernels, guest-OS overhead, tenants per kernel, cold start and the
      VM-vs-container comparison, every figure with its source; or a what-if scenario.
      Exit code 0 even with findings; 2: usage, read or configuration error.

  import <files or folders...> [-o out.strata] [--tenant-from namespace|label:KEY]
      Write a model of what is deployed: Kubernetes manifests and \`kubectl get nodes,pods,
      runtimeclasses -A -o json\` dumps, Compose files (plain or \`docker compose config --format
      json\`), libvirt domain XML (\`virsh dumpxml\`) and \`terraform show -json\` output, in any
      mix (the format is read from each file). Folders are searched for .yaml, .yml, .json, .xml
      and .tfstate files. What is read but not mapped is listed at the top of the model.
      Exit code 0; 2: an input could not be read or understood (each problem as file:line; nothing
      is written).

Configuration: check, stats and diff use the nearest strata.config.json in the file's folder or above,
up to the root of its git repository (rule severities, thresholds); an invalid one is reported and
gives exit code 2.

Options:
  --max-input-size SIZE   Largest model file read (default 32MiB; e.g. 64MiB or a number of
                          bytes); larger inputs, endless devices and pipes stop with exit code 2.
  -h, --help              Show this help.
  -v, --version           Show the version.

-o writes regular files only (never a FIFO, device, socket or folder, nor the model being read),
atomically, keeping the file's owner and permissions. Errors are one line; STRATA_DEBUG=1 adds
the stack trace.
`;

export interface Io {
  out(s: string): void;
  err(s: string): void;
}

export async function main(argv: readonly string[], raw: Io): Promise<number> {
  // Everything on stderr is for people: no control or bidirectional character reaches the
  // terminal raw from a file name, a config key or a git message (stdout is escaped per format).
  const io: Io = { out: (s) => raw.out(s), err: (s) => raw.err(terminalText(s)) };
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return await runCheck(rest, io);
      case 'render':
        return await runRender(rest, io);
      case 'diff':
        return await runDiff(rest, io);
      case 'stats':
        return await runStats(rest, io);
      case 'import':
        return await runImport(rest, io);
      case '-v':
      case '--version':
        io.out(`${VERSION}\n`);
        return 0;
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        io.err(`strata: unknown command '${command}'.\n\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    io.err(failureLine(e, command));
    return 2;
  }
}

declare const STRATA_VERSION: string | undefined;
const VERSION = typeof STRATA_VERSION === 'string' ? STRATA_VERSION : '0.0.0-dev';

if (require.main === module) {
  guardStandardStreams();
  main(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(failureLine(e));
      process.exitCode = 2;
    },
  );
}
