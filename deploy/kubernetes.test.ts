// The Kubernetes manifests in deploy/kubernetes: valid against the Kubernetes API schemas that the
// kubernetes-models package ships (no network), and a StatefulSet whose ordinals pick shards that
// cover the fleet file in its ConfigMap exactly once, each within what one process may serve.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import { describe, expect, it } from 'vitest';
import { MAX_NODES, parseFleet, shardRange } from '../simulator/index.ts';

const dir = join(import.meta.dirname, 'kubernetes');
const manifests = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, json: JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown> }));

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1/StatefulSet': StatefulSet,
  'v1/Service': Service,
  'v1/ConfigMap': ConfigMap,
};
const modelOf = (m: Record<string, unknown>) => MODELS[`${String(m.apiVersion)}/${String(m.kind)}`];

const one = <T>(kind: string) => {
  const found = manifests.filter((m) => m.json.kind === kind);
  expect(found).toHaveLength(1);
  return found[0]?.json as T;
};

interface Sts {
  spec: {
    replicas: number;
    serviceName: string;
    template: { spec: { containers: { args: string[]; env: { name: string; valueFrom?: unknown }[] }[] } };
  };
}

describe('deploy/kubernetes', () => {
  it.each(manifests.map((m) => [m.file, m.json] as const))(
    '%s is valid against the Kubernetes schema',
    (_f, json) => {
      const Model = modelOf(json);
      expect(Model, `no model for ${String(json.apiVersion)} ${String(json.kind)}`).toBeDefined();
      if (Model) expect(() => new Model(json as never).validate()).not.toThrow();
    },
  );

  it('the schema check does fail on a broken manifest', () => {
    const sts = structuredClone(one<Sts>('StatefulSet')) as unknown as { spec: Record<string, unknown> };
    sts.spec.replicas = 'four';
    expect(() => new StatefulSet(sts as never).validate()).toThrow(/replicas must be integer/);
  });

  it('a headless Service names the StatefulSet, whose ordinals pick shards covering the fleet once', () => {
    const sts = one<Sts>('StatefulSet');
    const service = one<{ metadata: { name: string }; spec: { clusterIP: string } }>('Service');
    expect(service.spec.clusterIP).toBe('None');
    expect(sts.spec.serviceName).toBe(service.metadata.name);

    const container = sts.spec.template.spec.containers[0];
    const args = container?.args ?? [];
    const arg = (flag: string) => args[args.indexOf(flag) + 1] ?? '';
    expect(container?.env.find((e) => e.name === 'SHARD_INDEX')?.valueFrom).toEqual({
      fieldRef: { fieldPath: "metadata.labels['apps.kubernetes.io/pod-index']" },
    });
    const shard = /^\$\(SHARD_INDEX\)\/(\d+)$/.exec(arg('--shard'));
    expect(Number(shard?.[1])).toBe(sts.spec.replicas);

    const configMap = one<{ data: Record<string, string> }>('ConfigMap');
    expect(arg('--fleet')).toBe('/etc/obmc/fleet.json');
    const fleet = parseFleet(JSON.parse(configMap.data['fleet.json'] ?? ''), 'fleet.json');
    const seen = new Array<number>(fleet.length).fill(0);
    for (let index = 0; index < sts.spec.replicas; index++) {
      const { start, end } = shardRange(fleet.length, { index, count: sts.spec.replicas });
      expect(end - start).toBeLessThanOrEqual(MAX_NODES);
      for (let n = start; n < end; n++) seen[n] = (seen[n] ?? 0) + 1;
    }
    expect(seen.every((c) => c === 1)).toBe(true);
    expect(Number(arg('--port')) + fleet.length - 1).toBeLessThanOrEqual(65535);
  });
});
