// Where each kind may stand (the language page's table). The file itself is `file`.
import type { Kind } from '../syntax/ast';

export type ParentKind = Kind | 'file';

export const ALLOWED_CHILDREN: Readonly<Record<ParentKind, readonly Kind[]>> = {
  file: ['group', 'host', 'tenant'],
  group: ['group', 'host'],
  host: ['hypervisor', 'engine', 'app'],
  hypervisor: ['vm'],
  vm: ['engine', 'app', 'hypervisor'],
  engine: ['pod', 'container'],
  pod: ['container'],
  container: ['app'],
  app: [],
  tenant: [],
};

/** Where a kind may stand, in words: "inside an engine or a pod". */
export function allowedParents(kind: Kind): ParentKind[] {
  return (Object.keys(ALLOWED_CHILDREN) as ParentKind[]).filter((p) => ALLOWED_CHILDREN[p].includes(kind));
}
