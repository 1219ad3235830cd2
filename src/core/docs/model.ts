// Documentation of what a model declares: a node (where it runs, its tenant, its kernel and who
// shares it, its share of its machine, its findings), a tenant and a service. Built from an
// analysis; hover shows them and completion items carry the short forms.
import type { Analysis } from '../index';
import { findOs, findRuntime, formatBytes, formatCpu } from '../catalogue';
import type { ModelNode } from '../model/model';
import { allocationChildren, describeKernel, effectiveRuntime, hypervisorType, machineOf } from '../model/queries';
import { isolationName } from './catalogue';
import { WORD_MEANINGS } from './language';

const code = (s: string | undefined) => `\`${s ?? '?'}\``;
const nodeRef = (n: ModelNode) => `${n.kind} ${code(n.id)}`;
const MAX_LISTED = 5;

function listIds(nodes: readonly ModelNode[]): string {
  const shown = nodes.slice(0, MAX_LISTED).map((n) => code(n.id));
  return nodes.length > MAX_LISTED ? `${shown.join(', ')} and ${nodes.length - MAX_LISTED} more` : shown.join(', ');
}

function isInside(node: ModelNode, ancestor: ModelNode): boolean {
  for (let p = node.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

function percent(part: number, whole: number): string {
  const p = (part / whole) * 100;
  return `${p >= 10 ? Math.round(p) : Math.round(p * 10) / 10} %`;
}

function cpuText(millicores: number): string {
  return formatCpu(millicores);
}

function tenantsOf(nodes: readonly ModelNode[]): string[] {
  return [...new Set(nodes.map((n) => n.tenant).filter((t): t is string => t !== undefined))];
}

/** A short markdown summary of a node (for completion items): where it is, tenant, kernel. */
export function nodeSummary(node: ModelNode): string {
  const lines = [`**${node.kind}** ${code(node.id)}${node.label !== undefined ? ` "${node.label}"` : ''}`, ''];
  const path: string[] = [];
  for (let p = node.parent; p && path.length < 4; p = p.parent) path.push(nodeRef(p));
  if (path.length) lines.push(`- In ${path.join(' in ')}`);
  if (node.tenant !== undefined) lines.push(`- Tenant: ${code(node.tenant)}`);
  if (node.kernel) lines.push(`- Kernel: ${describeKernel(node.kernel).replace(/'([^']*)'/g, '`$1`')}`);
  return lines.join('\n');
}

/** Markdown for a node: tenant, service, kernel and its neighbours, allocation, findings. */
export function nodeDoc(analysis: Analysis, node: ModelNode): string {
  const head = `**${node.kind}** ${code(node.id)}${node.label !== undefined ? ` "${node.label}"` : ''}`;
  const lines: string[] = [head, ''];
  const props = node.props;

  // What it is made of.
  if (node.kind === 'host' || node.kind === 'vm' || node.kind === 'container') {
    if (props.os) lines.push(`- OS: ${code(props.os)}${findOs(props.os) ? ` (${findOs(props.os)!.name}, ${findOs(props.os)!.family})` : ' (not in the catalogue)'}`);
  }
  if (node.kind === 'hypervisor') {
    const type = hypervisorType(node);
    const from = props.type !== undefined ? 'set here' : props.product ? `from ${code(props.product)}` : '';
    lines.push(`- Type: ${type ?? 'unknown'}${from ? ` (${from})` : ''}; runs ${node.children.filter((c) => c.kind === 'vm').length} VM(s)`);
  }
  if (node.kind === 'engine' || node.kind === 'pod' || node.kind === 'container') {
    const runtime = effectiveRuntime(node);
    const entry = findRuntime(runtime);
    lines.push(`- Runtime: ${code(runtime)}${entry ? ` (${isolationName(entry.isolation)})` : ''}`);
  }

  // Tenant and service.
  if (node.kind !== 'tenant' && node.kind !== 'group' && node.kind !== 'hypervisor') {
    if (node.tenant === undefined) lines.push('- Tenant: none');
    else {
      const from = node.tenantFrom === node || !node.tenantFrom ? 'set here' : `inherited from ${nodeRef(node.tenantFrom)}`;
      const trust = analysis.model.tenants.get(node.tenant)?.node.props.trust;
      lines.push(`- Tenant: ${code(node.tenant)} (${from}${trust ? `; trust ${trust}` : ''})`);
    }
    if (node.service !== undefined) lines.push(`- Service: ${code(node.service)}${props.service === undefined ? ' (inherited)' : ''}`);
  }

  // Kernel.
  const kernel = node.kernel;
  if (kernel) {
    const family = kernel.family ? `, ${kernel.family}` : '';
    lines.push(`- Kernel: ${describeKernel(kernel).replace(/'([^']*)'/g, '`$1`')}${family}`);
    const machine = node.kind === 'host' || node.kind === 'vm';
    // A machine lists what runs on its kernel; a workload the others beside it (not its own apps).
    const others = kernel.workloads.filter((w) => w !== node && w.kind !== 'engine' && (machine || !isInside(w, node)));
    if (machine) {
      lines.push(others.length ? `- Runs on this kernel: ${others.length} workload(s): ${listIds(others)}` : '- Runs on this kernel: nothing yet');
    } else if (others.length) {
      lines.push(`- Shares the kernel with ${others.length} other workload(s): ${listIds(others)}`);
    } else lines.push('- Shares the kernel with no other workload');
    const tenants = tenantsOf(others);
    if (tenants.length) lines.push(`- Tenants on this kernel: ${tenants.map(code).join(', ')}${node.tenant !== undefined && tenants.some((t) => t !== node.tenant) ? ' (more than one tenant shares it)' : ''}`);
  } else if (node.kind === 'host' || node.kind === 'vm') {
    lines.push('- Kernel: none (no `os` set)');
  } else if (node.kind === 'engine' || node.kind === 'pod' || node.kind === 'container' || node.kind === 'app') {
    lines.push('- Kernel: unknown (the machine it runs on has no `os`)');
  }

  // Allocation against the machine it runs on.
  const machine = machineOf(node);
  if (machine && (node.kind === 'vm' || node.kind === 'container' || node.kind === 'app')) {
    const parts: string[] = [];
    if (props.cpu !== undefined) parts.push(machine.props.cpu ? `cpu ${cpuText(props.cpu)} of ${cpuText(machine.props.cpu)} (${percent(props.cpu, machine.props.cpu)})` : `cpu ${cpuText(props.cpu)}`);
    if (props.memory !== undefined) parts.push(machine.props.memory ? `memory ${formatBytes(props.memory)} of ${formatBytes(machine.props.memory)} (${percent(props.memory, machine.props.memory)})` : `memory ${formatBytes(props.memory)}`);
    lines.push(parts.length ? `- Allocation on ${nodeRef(machine)}: ${parts.join(' · ')}` : `- Allocation on ${nodeRef(machine)}: no cpu or memory set`);
  }
  if (node.kind === 'host' || node.kind === 'vm') {
    const children = allocationChildren(node);
    const cap: string[] = [];
    if (props.cpu !== undefined) cap.push(`cpu ${cpuText(props.cpu)}`);
    if (props.memory !== undefined) cap.push(`memory ${formatBytes(props.memory)}`);
    if (props.disk !== undefined) cap.push(`disk ${formatBytes(props.disk)}`);
    if (cap.length) lines.push(`- Capacity: ${cap.join(' · ')}`);
    if (children.length) {
      let cpu = 0;
      let memory = 0;
      let noMemory = 0;
      for (const c of children) {
        cpu += c.props.cpu ?? 0;
        if (c.props.memory === undefined) noMemory++;
        else memory += c.props.memory;
      }
      const used = [
        `cpu ${cpuText(cpu)}${props.cpu ? ` (${percent(cpu, props.cpu)})` : ''}`,
        `memory ${formatBytes(memory)}${props.memory ? ` (${percent(memory, props.memory)})` : ''}`,
      ];
      lines.push(`- Allocated to ${children.length} workload(s): ${used.join(' · ')}${noMemory ? `; ${noMemory} without a memory size` : ''}`);
    }
  }

  // Findings.
  if (node.id !== undefined) {
    const findings = analysis.findings.filter((f) => f.nodeId === node.id);
    if (findings.length) {
      const rules = [...new Set(findings.map((f) => f.rule))];
      lines.push(`- Findings: ${findings.length} (${rules.map(code).join(', ')})`);
    } else lines.push('- Findings: none');
  }
  return lines.join('\n');
}

/** Markdown for a tenant (declared or only used): its trust level and who belongs to it. */
export function tenantDoc(analysis: Analysis, name: string): string {
  const declared = analysis.model.tenants.get(name)?.node;
  const lines = [`**tenant** ${code(name)}${declared?.label !== undefined ? ` "${declared.label}"` : ''}`, ''];
  if (declared) {
    const line = analysis.lines.positionAt(declared.decl.start).line + 1;
    lines.push(`- Declared on line ${line}${declared.props.trust ? `; trust ${code(declared.props.trust)}${WORD_MEANINGS.trust[declared.props.trust] ? ` (${WORD_MEANINGS.trust[declared.props.trust]})` : ''}` : '; no trust level set'}`);
  } else lines.push('- Not declared (declare it with `tenant ' + name + ' { trust: internal }` to document its trust level)');
  const direct: ModelNode[] = [];
  const workloads: ModelNode[] = [];
  const kernels = new Set<string>();
  for (const n of analysis.model.nodes) {
    if (n.props.tenant === name) direct.push(n);
    if (n.tenant === name && (n.kind === 'container' || n.kind === 'app' || n.kind === 'vm' || n.kind === 'pod')) {
      workloads.push(n);
      if (n.kernel) kernels.add(n.kernel.key);
    }
  }
  lines.push(`- Set on ${direct.length} node(s)${direct.length ? `: ${listIds(direct)}` : ''}`);
  lines.push(`- ${workloads.length} workload(s) belong to it (inherited included), on ${kernels.size} kernel(s)`);
  return lines.join('\n');
}

/** Markdown for a service: its instances and the hosts they run on. */
export function serviceDoc(analysis: Analysis, name: string): string {
  return serviceDocOf(name, analysis.model.nodes.filter((n) => n.props.service === name));
}

/** Markdown for a service whose instances (the nodes that set it) are known. */
export function serviceDocOf(name: string, instances: readonly ModelNode[]): string {
  const hosts = new Set<string>();
  for (const n of instances) {
    let h: ModelNode | undefined = n;
    while (h && h.kind !== 'host') h = h.parent;
    if (h?.id) hosts.add(h.id);
  }
  return [
    `**service** ${code(name)}`,
    '',
    `- ${instances.length} instance(s)${instances.length ? `: ${listIds(instances)}` : ''}`,
    `- On ${hosts.size} physical host(s)${hosts.size ? `: ${[...hosts].slice(0, MAX_LISTED).map(code).join(', ')}` : ''}${instances.length > 1 && hosts.size === 1 ? ' — one host failure takes down every instance' : ''}`,
  ].join('\n');
}
