// Inlay hints: after the header of each workload (vm, engine, pod, container, app), what the
// text does not show there: its effective tenant and the kernel it runs on, e.g.
// `⟨tenant: shop · kernel: node1⟩`. A VM's own guest kernel is not repeated on the VM.
import type { Analysis } from '../index';
import type { Kernel, ModelNode } from '../model/model';
import { describeKernel, describeNode } from '../model/queries';
import type { Span } from '../syntax/ast';
import { fileNodes } from './context';

export interface InlayHint {
  /** Where the hint is shown: right after the node's header (its label, else its id). */
  readonly offset: number;
  readonly label: string;
  /** The long form, for a tooltip. */
  readonly tooltip: string;
  readonly nodeId: string | undefined;
}

const WORKLOADS = new Set(['vm', 'engine', 'pod', 'container', 'app']);

function kernelName(kernel: Kernel, node: ModelNode): string {
  const own = kernel.owner === node;
  switch (kernel.kind) {
    case 'host':
    case 'guest':
      return kernel.owner.id ?? '?';
    case 'sandbox':
      return own ? 'own gVisor sandbox' : `gVisor sandbox of ${kernel.owner.id ?? '?'}`;
    case 'microvm':
      return own ? 'own micro-VM' : `micro-VM of ${kernel.owner.id ?? '?'}`;
    case 'utility-vm':
      return own ? 'own Hyper-V utility VM' : `Hyper-V utility VM of ${kernel.owner.id ?? '?'}`;
  }
}

/**
 * The hints for the nodes whose header meets `range` (the whole document when absent). Only the
 * file's own nodes are read (in a project: those it declares, `extend` blocks included).
 */
export function inlayHints(analysis: Analysis, range?: Span): InlayHint[] {
  const out: InlayHint[] = [];
  for (const node of fileNodes(analysis)) {
    if (!WORKLOADS.has(node.kind)) continue;
    const decl = node.decl;
    const at = decl.label ? decl.label.end : decl.id ? decl.id.end : decl.kindSpan.end;
    if (range && (at < range.start || decl.start > range.end)) continue;
    const parts: string[] = [];
    const tips: string[] = [];
    if (node.tenant !== undefined) {
      parts.push(`tenant: ${node.tenant}`);
      const from = node.tenantFrom && node.tenantFrom !== node ? `inherited from ${describeNode(node.tenantFrom)}` : 'set here';
      tips.push(`Tenant: ${node.tenant} (${from}).`);
    }
    const kernel = node.kernel;
    // A VM's guest kernel is the VM itself: saying so on the VM adds nothing.
    if (kernel && !(kernel.kind === 'guest' && kernel.owner === node)) {
      parts.push(`kernel: ${kernelName(kernel, node)}`);
      tips.push(`Runs on ${describeKernel(kernel)}.`);
    }
    if (!parts.length) continue;
    out.push({ offset: at, label: `⟨${parts.join(' · ')}⟩`, tooltip: tips.join('\n'), nodeId: node.id });
  }
  return out;
}
