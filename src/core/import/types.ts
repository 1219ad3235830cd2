// The importer's plain data: a tree of Strata nodes built from deployment artefacts, where each
// node came from, what was understood but not mapped, and what could not be read at all.
import type { Kind } from '../syntax/ast';

/** Where something was read: a file, a 1-based line when known, and a path inside the document. */
export interface SourceRef {
  readonly file: string;
  readonly line?: number;
  /** A JSON path or document path, e.g. `items[3]` or `services.web`. */
  readonly path?: string;
}

/** A property as it will be written: its key and its value already in Strata syntax. */
export type ImportProp = readonly [key: string, value: string];

/** One node of the imported model. `key` is the stable key it is sorted and matched by. */
export interface ImportNode {
  readonly kind: Kind;
  /** The stable key (e.g. `k8s:pod/shop/frontend-7d9f`); ids are derived from it. */
  readonly key: string;
  /** The id wanted; made unique by the writer when two keys slug to the same id. */
  readonly id: string;
  readonly label?: string;
  /** Shared between nodes with equal props: never changed once the node is made. */
  readonly props: readonly ImportProp[];
  readonly children: ImportNode[];
  readonly source?: SourceRef;
  /** Extra comment lines written above the node (after the source line). */
  readonly notes?: string[];
  /** Findings the importer knows are not true of the deployment: `rule: reason` suppressions. */
  readonly ignore?: string[];
}

/** A data flow between two nodes, by their keys. */
export interface ImportLink {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
  readonly source?: SourceRef;
}

/** Something read and understood that the model has no place for ("lossy and honest"). */
export interface Unmapped {
  readonly source: SourceRef;
  readonly what: string;
  readonly why: string;
}

/** Input that could not be imported: one per problem, located. */
export interface ImportError {
  readonly file: string;
  readonly line?: number;
  readonly message: string;
}

/**
 * A deployed workload as drift compares it: the stable key, its instances, and for each
 * container what the deployment says. Built by the same readers as the imported model.
 */
export interface DeployedWorkload {
  /** `k8s:namespace/name`, `compose:project/service` or `vm:name`. */
  readonly key: string;
  /** The Strata `service:` value the importer gives its instances. */
  readonly service: string;
  /** What kind of thing it is in the deployment, e.g. `Deployment`, `compose service`, `libvirt domain`. */
  readonly kindLabel: string;
  readonly source: SourceRef;
  /** Number of instances (replicas or pods seen); unknown for a DaemonSet without its nodes. */
  readonly replicas?: number;
  /** The machines (host or VM ids) the instances run on, when the source says (cluster dumps). */
  readonly placement?: readonly string[];
  /** The Strata runtime its containers run under (runc, gvisor, kata, hyperv...). */
  readonly runtime?: string;
  readonly containers: readonly DeployedContainer[];
  /** For VMs: their own figures. */
  readonly vm?: { readonly cpu?: number; readonly memory?: number; readonly os?: string };
}

export interface DeployedContainer {
  readonly name: string;
  readonly image?: string;
  /** Cores. */
  readonly cpu?: number;
  /** Bytes. */
  readonly memory?: number;
  readonly privileged?: boolean;
  readonly network?: 'host';
  readonly pid?: 'host';
  readonly source: SourceRef;
}

/** What one reader produced from one file. */
export interface ReadResult {
  readonly format: SourceFormat;
  readonly roots: ImportNode[];
  readonly tenants: ImportNode[];
  readonly links: ImportLink[];
  readonly unmapped: Unmapped[];
  readonly errors: ImportError[];
  readonly workloads: DeployedWorkload[];
}

export type SourceFormat = 'kubernetes' | 'compose' | 'libvirt' | 'terraform';

export interface ImportOptions {
  /** Where a pod's tenant comes from: its namespace (default) or one of its labels. */
  readonly tenantFrom?: { readonly kind: 'namespace' } | { readonly kind: 'label'; readonly key: string };
}

/** One input file, as the caller read it. */
export interface SourceFile {
  /** The name written in comments and messages (as the user named it). */
  readonly name: string;
  readonly text: string;
}
