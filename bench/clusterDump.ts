// A generated `kubectl get nodes,pods,runtimeclasses -A -o json` dump of a given size, shaped like
// a real one (node labels and nodeInfo, pods owned by ReplicaSets and DaemonSets, limits, status),
// for `npm run bench` and the import tests.

export function generateClusterDump(nodes: number, pods: number): string {
  const items: unknown[] = [{ apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'gvisor' }, handler: 'runsc' }];
  for (let i = 0; i < nodes; i++) {
    const name = `ip-10-0-${i >> 8}-${i & 255}.ec2.internal`;
    items.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name, 'node.kubernetes.io/instance-type': 'm5.2xlarge', 'topology.kubernetes.io/zone': `us-east-1${'abc'[i % 3]}` } },
      spec: { providerID: `aws:///us-east-1${'abc'[i % 3]}/i-${(0x1000000 + i).toString(16)}` },
      status: {
        capacity: { cpu: '8', memory: '32386012Ki', pods: '58' },
        nodeInfo: { architecture: 'amd64', containerRuntimeVersion: 'containerd://1.7.20', kernelVersion: '6.1.102-108.177.amzn2023.x86_64', operatingSystem: 'linux', osImage: 'Amazon Linux 2023.5.20240805' },
      },
    });
  }
  const namespaces = ['shop', 'payments', 'search', 'analytics', 'platform'];
  for (let p = 0; p < pods; p++) {
    const ns = namespaces[p % namespaces.length];
    const app = `svc${(p >> 3) % 400}`;
    const hash = '5c8d4b7c9';
    const node = p % nodes;
    const sandboxed = p % 50 === 0;
    items.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${app}-${hash}-${p.toString(36).padStart(5, 'x')}`,
        namespace: ns,
        labels: { app, 'pod-template-hash': hash, team: ns },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${app}-${hash}`, controller: true, uid: '00000000-0000-0000-0000-000000000000' }],
      },
      spec: {
        nodeName: `ip-10-0-${node >> 8}-${node & 255}.ec2.internal`,
        ...(sandboxed ? { runtimeClassName: 'gvisor' } : {}),
        containers: [
          {
            name: 'app',
            image: `registry.example.com/${ns}/${app}:1.${p % 7}.0`,
            ports: [{ containerPort: 8080, protocol: 'TCP' }],
            resources: { limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '250m', memory: '256Mi' } },
            env: [{ name: 'PORT', value: '8080' }],
          },
          ...(p % 4 === 0 ? [{ name: 'envoy', image: 'envoyproxy/envoy:v1.31.0', resources: { limits: { memory: '128Mi' } } }] : []),
        ],
        restartPolicy: 'Always',
        schedulerName: 'default-scheduler',
      },
      status: { phase: 'Running', qosClass: 'Burstable', podIP: `10.1.${p >> 8 & 255}.${p & 255}` },
    });
  }
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } }, null, 4);
}
