// `GET <path>/schema` on the Python REST server: rest_dbus.py SchemaHandler (the same at 7bc6d8d,
// 2c4d517 and ad29e43) introspects the object on every service the mapper names for the path and
// keeps each <interface> as pyphosphor's IntrospectionNodeParser.parse_interface reads it:
// {"method": {name: [the attributes of each <arg>]}, "signal": {...}}, properties left out.
// The /xyz services are sd-bus ones (sdbusplus): their Introspect starts with sd-bus's default
// interfaces (systemd bus-introspect.c introspect_write_default_interfaces, the texts of
// bus-protocol.h before systemd PR 21481 renamed their arguments in 2021-11), ObjectManager where
// the daemon registered one, then the object's own interfaces, whose methods sdbusplus declared
// without argument names (`<arg type=".." direction="in"/>`). Pure: no express.

import { ObjectPath } from '../../protocol/index.ts';
import type { DbusObject } from '../model/object-tree.ts';
import type { WireValue } from '../model/wire-value.ts';

type Args = { readonly [attribute: string]: string }[];
interface SchemaInterface {
  method: Record<string, Args>;
  signal: Record<string, Args>;
}

const DEFAULT_INTERFACES: Record<string, SchemaInterface> = {
  'org.freedesktop.DBus.Peer': {
    method: { Ping: [], GetMachineId: [{ type: 's', name: 'machine_uuid', direction: 'out' }] },
    signal: {},
  },
  'org.freedesktop.DBus.Introspectable': {
    method: { Introspect: [{ name: 'data', type: 's', direction: 'out' }] },
    signal: {},
  },
  'org.freedesktop.DBus.Properties': {
    method: {
      Get: [
        { name: 'interface', direction: 'in', type: 's' },
        { name: 'property', direction: 'in', type: 's' },
        { name: 'value', direction: 'out', type: 'v' },
      ],
      GetAll: [
        { name: 'interface', direction: 'in', type: 's' },
        { name: 'properties', direction: 'out', type: 'a{sv}' },
      ],
      Set: [
        { name: 'interface', direction: 'in', type: 's' },
        { name: 'property', direction: 'in', type: 's' },
        { name: 'value', direction: 'in', type: 'v' },
      ],
    },
    signal: {
      PropertiesChanged: [
        { type: 's', name: 'interface' },
        { type: 'a{sv}', name: 'changed_properties' },
        { type: 'as', name: 'invalidated_properties' },
      ],
    },
  },
};

const OBJECT_MANAGER: SchemaInterface = {
  method: {
    GetManagedObjects: [
      { type: 'a{oa{sa{sv}}}', name: 'object_paths_interfaces_and_properties', direction: 'out' },
    ],
  },
  signal: {
    InterfacesAdded: [
      { type: 'o', name: 'object_path' },
      { type: 'a{sa{sv}}', name: 'interfaces_and_properties' },
    ],
    InterfacesRemoved: [
      { type: 'o', name: 'object_path' },
      { type: 'as', name: 'interfaces' },
    ],
  },
};

/**
 * Where the daemons add an sdbusplus ObjectManager: phosphor-state-manager's host, chassis and BMC
 * mains on their own object, phosphor-logging's log_manager_main on OBJ_LOGGING, the software
 * manager's mains on SOFTWARE_OBJPATH.
 */
const OBJECT_MANAGERS: ReadonlySet<string> = new Set([
  ObjectPath.host,
  ObjectPath.chassis,
  ObjectPath.bmc,
  ObjectPath.logging,
  ObjectPath.software,
]);

/** The schema of an object of the /xyz tree, as the handler returns it. */
export function sdbusSchema(object: DbusObject): WireValue {
  const own = Object.entries(object.interfaces).map(([name, spec]): [string, SchemaInterface] => [
    name,
    {
      method: Object.fromEntries(
        Object.entries(spec.methods ?? {}).map(([method, m]) => [
          method,
          m.args.map((type) => ({ type, direction: 'in' })),
        ]),
      ),
      signal: {},
    },
  ]);
  return {
    ...DEFAULT_INTERFACES,
    ...(OBJECT_MANAGERS.has(object.path) ? { 'org.freedesktop.DBus.ObjectManager': OBJECT_MANAGER } : {}),
    ...Object.fromEntries(own),
  } as unknown as WireValue;
}
