// Operating-system names as deployments write them (Kubernetes' osImage, libosinfo ids, cloud
// image names) → Strata catalogue ids. A name the catalogue does not know keeps a readable id, so
// `unknown-catalog-value` says so (with "did you mean") instead of the OS being dropped.
import { findOs } from '../catalogue';
import { slug } from './ids';

const RULES: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [/ubuntu[^\d]*(\d+\.\d+)/i, (m) => `ubuntu-${m[1]}`],
  [/debian(?:[\s/_-]*gnu\/linux)?[\s/_-]*(\d+)/i, (m) => `debian-${m[1]}`],
  [/(?:red hat enterprise linux|rhel)[^\d]*(\d+)/i, (m) => `rhel-${m[1]}`],
  [/rocky(?: linux)?[^\d]*(\d+)/i, (m) => `rocky-${m[1]}`],
  [/alpine(?: linux)?[^\d]*(\d+\.\d+)/i, (m) => `alpine-${m[1]}`],
  [/amazon linux[\s/_-]*(\d+)/i, (m) => `amazon-linux-${m[1]}`],
  [/fedora coreos|fedora\/coreos|fcos/i, () => 'fedora-coreos'],
  [/flatcar/i, () => 'flatcar'],
  [/talos/i, () => 'talos'],
  [/bottlerocket/i, () => 'bottlerocket'],
  [/container-optimized os|\bcos\b/i, () => 'cos'],
  [/windows server[\s/_-]*(20\d\d)|win[\s/]2k(\d\d)/i, (m) => `windows-server-${m[1] ?? `20${m[2]}`}`],
  [/windows[\s/_-]*(1[01])\b/i, (m) => `windows-${m[1]}`],
];

/** The catalogue id for an OS name, or a readable id for one the catalogue does not know. */
export function osId(name: string): string {
  const trimmed = name.trim();
  if (findOs(trimmed)) return trimmed;
  for (const [re, id] of RULES) {
    const m = re.exec(trimmed);
    if (m) return id(m);
  }
  return slug(trimmed);
}
