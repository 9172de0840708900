import { describe, expect, it } from 'vitest';
import { ObjectPath } from '../../protocol/index.ts';
import type { DbusObject } from '../model/object-tree.ts';
import { sdbusSchema } from './python-schema.ts';

describe('sdbusSchema', () => {
  const object = (path: string): DbusObject => ({
    path,
    interfaces: {
      'xyz.example.Thing': {
        properties: { Value: { signature: 'x', value: 1 } },
        methods: { Poke: { args: ['x', 'as'], behaviour: 'none' } },
      },
    },
  });

  it("an sdbusplus method's arguments are unnamed `in` args in order; properties are left out", () => {
    const schema = sdbusSchema(object('/xyz/example/thing')) as Record<string, unknown>;
    expect(schema['xyz.example.Thing']).toEqual({
      method: {
        Poke: [
          { type: 'x', direction: 'in' },
          { type: 'as', direction: 'in' },
        ],
      },
      signal: {},
    });
    expect(Object.keys(schema).sort()).toEqual([
      'org.freedesktop.DBus.Introspectable',
      'org.freedesktop.DBus.Peer',
      'org.freedesktop.DBus.Properties',
      'xyz.example.Thing',
    ]);
  });

  it('ObjectManager only where a daemon registers one', () => {
    for (const path of [ObjectPath.host, ObjectPath.logging]) {
      expect(sdbusSchema(object(path))).toHaveProperty(['org.freedesktop.DBus.ObjectManager']);
    }
    expect(sdbusSchema(object(`${ObjectPath.logging}/entry/1`))).not.toHaveProperty([
      'org.freedesktop.DBus.ObjectManager',
    ]);
  });
});
