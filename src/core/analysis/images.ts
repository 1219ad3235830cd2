// On-disk sizes of well-known container base images, for the storage figures of `strata stats`
// when a container sets no `size:`. Each figure carries its citation (catalogue/sources.ts); the
// catalogue proper has no image table. Only official
// base images match (alpine, debian, ubuntu, busybox, scratch, distroless static, Windows
// nanoserver and servercore); an application image such as `acme/web:1.2` has no known size.
// Sizes drift with every rebuild; each note says which build was measured.
import type { Source, Sourced } from '../catalogue/types';

const MB = 1000 ** 2;
const GB = 1000 ** 3;
const MiB = 1024 ** 2;

function repoInfo(path: string): Source {
  return {
    publisher: 'Docker',
    title: `docker-library/repo-info ${path}`,
    url: 'https://github.com/docker-library/repo-info',
    ref: `docker-library/repo-info:${path}`,
  };
}

/** docker-library/repo-info, alpine 3.22 on-disk ("Virtual Size") record. */
export const REPO_INFO_ALPINE: Source = repoInfo('repos/alpine/local/3.22.md@7859ce4');
/** docker-library/repo-info, debian bookworm-slim on-disk record. */
export const REPO_INFO_DEBIAN_SLIM: Source = repoInfo('repos/debian/local/bookworm-slim.md@321a824');
/** docker-library/repo-info, ubuntu 22.04 on-disk record. */
export const REPO_INFO_UBUNTU: Source = repoInfo('repos/ubuntu/local/22.04.md@c577a25');
/** docker-library/repo-info, busybox latest on-disk record. */
export const REPO_INFO_BUSYBOX: Source = repoInfo('repos/busybox/local/latest.md@8bb997f');

/** Google's distroless README (static ≈ 2 MiB; "debian (124 MiB)"). */
export const DISTROLESS_README: Source = {
  publisher: 'Google',
  title: 'GoogleContainerTools/distroless README.md',
  url: 'https://github.com/GoogleContainerTools/distroless',
};

/** Docker: `FROM scratch` is an empty base that adds no layer. */
export const DOCKER_BASE_IMAGES: Source = {
  publisher: 'Docker',
  title: 'Base images',
  url: 'https://docs.docker.com/build/building/base-images/',
};

/** Microsoft: `docker images` example with nanoserver ltsc2022 (296 MB). */
export const MICROSOFT_RUN_FIRST_CONTAINER: Source = {
  publisher: 'Microsoft',
  title: 'Run your first Windows container',
  ref: 'MicrosoftDocs/Virtualization-Documentation@1edda38:virtualization/windowscontainers/quick-start/run-your-first-container.md',
};

/** Microsoft: servercore ltsc2019 example (4.84 GB). */
export const MICROSOFT_UPDATE_CONTAINERS: Source = {
  publisher: 'Microsoft',
  title: 'Update Windows Server containers',
  ref: 'MicrosoftDocs/Virtualization-Documentation@77e0742:virtualization/windowscontainers/deploy-containers/update-containers.md',
};

/** IBM ot4i ace-docker Windows README: servercore ltsc2022 is 5.2 GB (third-party). */
export const ACE_DOCKER_WINDOWS_README: Source = {
  publisher: 'IBM ot4i',
  title: 'ace-docker Windows README (experimental/windows)',
  url: 'https://github.com/ot4i/ace-docker',
  thirdParty: true,
};

/** A known base image: its display name and its on-disk size. */
export interface BaseImage {
  readonly name: string;
  readonly size: Sourced;
}

const ALPINE: BaseImage = {
  name: 'alpine',
  size: {
    value: 8.3 * MB,
    source: REPO_INFO_ALPINE,
    note: 'alpine 3.22.6, linux/amd64, on-disk size ~8.3 MB (compressed transfer 3.8 MB). Other tags use 3.22 as the nearest documented proxy (3.19 is unsourced).',
  },
};
const DEBIAN_SLIM: BaseImage = {
  name: 'debian:bookworm-slim',
  size: { value: 74.83 * MB, source: REPO_INFO_DEBIAN_SLIM, note: 'debian:bookworm-slim, linux/amd64, on-disk ~74.83 MB (compressed 28.2 MB). Used for every -slim tag.' },
};
const DEBIAN: BaseImage = {
  name: 'debian',
  size: {
    value: 124 * MiB,
    source: DISTROLESS_README,
    note: 'The distroless README compares its static image with "debian (124 MiB)"; whether that is compressed or on-disk is not stated.',
  },
};
const UBUNTU: BaseImage = {
  name: 'ubuntu',
  size: { value: 78.08 * MB, source: REPO_INFO_UBUNTU, note: 'ubuntu:22.04, linux/amd64, on-disk ~78.08 MB (compressed 29.7 MB). Other tags use 22.04 as a proxy.' },
};
const BUSYBOX: BaseImage = {
  name: 'busybox',
  size: { value: 4.45 * MB, source: REPO_INFO_BUSYBOX, note: 'busybox:latest (1.38.0, glibc), linux/amd64, on-disk ~4.45 MB (compressed 2.2 MB); musl/uclibc variants differ.' },
};
const SCRATCH: BaseImage = {
  name: 'scratch',
  size: { value: 0, source: DOCKER_BASE_IMAGES, note: 'The reserved, empty base: `FROM scratch` creates no layer.' },
};
const DISTROLESS_STATIC: BaseImage = {
  name: 'distroless/static',
  size: { value: 2 * MiB, source: DISTROLESS_README, note: '"around 2 MiB" (compressed vs on-disk not stated).' },
};
const NANOSERVER: BaseImage = {
  name: 'nanoserver',
  size: { value: 296 * MB, source: MICROSOFT_RUN_FIRST_CONTAINER, note: 'nanoserver:ltsc2022 as `docker images` prints it (296 MB); other tags use it as a proxy.' },
};
const SERVERCORE_2019: BaseImage = {
  name: 'servercore:ltsc2019',
  size: { value: 4.84 * GB, source: MICROSOFT_UPDATE_CONTAINERS, note: 'servercore:ltsc2019 in Microsoft\'s example (4.84 GB).' },
};
const SERVERCORE: BaseImage = {
  name: 'servercore',
  size: {
    value: 5.2 * GB,
    source: ACE_DOCKER_WINDOWS_README,
    note: 'Third-party: servercore:ltsc2022 as `docker images` prints it (5.2 GB); ltsc2025 is reported at 7.69 GB. Used for every tag but ltsc2019.',
  },
};

/** Every base image with a sourced size (for docs and tests). */
export const BASE_IMAGES: readonly BaseImage[] = [ALPINE, DEBIAN_SLIM, DEBIAN, UBUNTU, BUSYBOX, SCRATCH, DISTROLESS_STATIC, NANOSERVER, SERVERCORE_2019, SERVERCORE];

/** An image reference split into registry, repository path and tag. */
export interface ImageRef {
  readonly registry: string | undefined;
  /** The repository path, lower-case, without registry, e.g. `library/alpine`, `windows/nanoserver`. */
  readonly path: string;
  readonly tag: string | undefined;
}

/** Splits `registry/path:tag@digest` the way Docker does (a first segment with `.` or `:` or `localhost` is a registry). */
export function parseImageRef(image: string): ImageRef {
  let s = image.trim().toLowerCase();
  const at = s.indexOf('@');
  if (at >= 0) s = s.slice(0, at);
  const slash = s.indexOf('/');
  let registry: string | undefined;
  if (slash > 0) {
    const first = s.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      s = s.slice(slash + 1);
    }
  }
  const colon = s.lastIndexOf(':');
  const tag = colon > s.lastIndexOf('/') && colon >= 0 ? s.slice(colon + 1) : undefined;
  const path = colon > s.lastIndexOf('/') && colon >= 0 ? s.slice(0, colon) : s;
  return { registry, path, tag };
}

const DOCKER_HUB = new Set([undefined, 'docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** The known base image an image reference names, or undefined (application images are unknown). */
export function findBaseImage(image: string): BaseImage | undefined {
  const { registry, path, tag } = parseImageRef(image);
  if (DOCKER_HUB.has(registry)) {
    const name = path.startsWith('library/') ? path.slice('library/'.length) : path;
    switch (name) {
      case 'alpine':
        return ALPINE;
      case 'debian':
        return tag?.includes('slim') ? DEBIAN_SLIM : DEBIAN;
      case 'ubuntu':
        return UBUNTU;
      case 'busybox':
        return BUSYBOX;
      case 'scratch':
        return SCRATCH;
    }
    return undefined;
  }
  if (registry === 'gcr.io' && path.startsWith('distroless/static')) return DISTROLESS_STATIC;
  if (registry === 'mcr.microsoft.com') {
    if (path === 'windows/nanoserver') return NANOSERVER;
    if (path === 'windows/servercore') return tag?.includes('2019') ? SERVERCORE_2019 : SERVERCORE;
  }
  return undefined;
}
