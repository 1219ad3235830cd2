// The registry of every check. A parity test fails when a rule file is missing here, or when
// a registered rule lacks docs or examples.
import type { Check } from './types';
import { syntax } from './rules/syntax';
import { invalidNesting } from './rules/invalidNesting';
import { duplicateId } from './rules/duplicateId';
import { unknownProperty } from './rules/unknownProperty';
import { duplicateProperty } from './rules/duplicateProperty';
import { invalidValue } from './rules/invalidValue';
import { unknownReference } from './rules/unknownReference';
import { missingOs } from './rules/missingOs';
import { type2WithoutHostOs } from './rules/type2WithoutHostOs';
import { unknownCatalogValue } from './rules/unknownCatalogValue';
import { sharedKernelTenants } from './rules/sharedKernelTenants';
import { unknownTenant } from './rules/unknownTenant';
import { noMemoryLimit } from './rules/noMemoryLimit';
import { multipleAppsPerContainer } from './rules/multipleAppsPerContainer';
import { privilegedContainer } from './rules/privilegedContainer';
import { hostNamespace } from './rules/hostNamespace';
import { kernelMismatch } from './rules/kernelMismatch';
import { mutableImageTag } from './rules/mutableImageTag';
import { singleHostService } from './rules/singleHostService';
import { unisolatedApps } from './rules/unisolatedApps';
import { vmForSingleApp } from './rules/vmForSingleApp';
import { memoryOvercommit } from './rules/memoryOvercommit';
import { cpuOvercommit } from './rules/cpuOvercommit';
import { nestedVirtualization } from './rules/nestedVirtualization';
import { drift } from './rules/drift';
import { unusedSuppression } from './rules/unusedSuppression';

export const CHECKS: readonly Check[] = [
  // structure
  syntax,
  invalidNesting,
  duplicateId,
  unknownProperty,
  duplicateProperty,
  invalidValue,
  unknownReference,
  missingOs,
  type2WithoutHostOs,
  unknownCatalogValue,
  // isolation
  sharedKernelTenants,
  unknownTenant,
  noMemoryLimit,
  multipleAppsPerContainer,
  privilegedContainer,
  hostNamespace,
  kernelMismatch,
  mutableImageTag,
  singleHostService,
  unisolatedApps,
  // overhead
  vmForSingleApp,
  memoryOvercommit,
  cpuOvercommit,
  nestedVirtualization,
  // drift (needs a deployment to compare with)
  drift,
  // after suppressions
  unusedSuppression,
];

/** Rules the framework itself reports (not checks with a file of their own). */
export const FRAMEWORK_RULES = {
  'invalid-suppression': 'A strata-ignore comment without a known rule name, a reason, or a node after it.',
  'internal-error': 'A check failed with an internal error (a bug in Strata); the other checks still ran.',
} as const;

export const CHECKS_BY_NAME: ReadonlyMap<string, Check> = new Map(CHECKS.map((c) => [c.meta.name, c]));

export function allRuleNames(): string[] {
  return [...CHECKS.map((c) => c.meta.name), ...Object.keys(FRAMEWORK_RULES)];
}
