// The event log: a collection with DeleteAll and entries that can delete themselves
// (openbmc-rest.md 6 "Event logs"; transcripts-phosphor-rest.md #26, #27).

import { DbusInterface, ObjectPath } from '../../protocol/index.ts';
import type { DbusObject } from './object-tree.ts';

export const LOG_ENTRY_PREFIX = `${ObjectPath.logging}/entry/`;

export function loggingObjects(now: number): DbusObject[] {
  return [
    {
      path: ObjectPath.logging,
      interfaces: {
        'xyz.openbmc_project.Collection.DeleteAll': {
          properties: {},
          methods: { DeleteAll: { args: [], behaviour: 'delete-all-logs' } },
        },
      },
    },
    {
      path: `${LOG_ENTRY_PREFIX}1`,
      interfaces: {
        'xyz.openbmc_project.Logging.Entry': {
          properties: {
            Id: { signature: 'u', value: 1 },
            Timestamp: { signature: 't', value: now },
            Severity: { signature: 's', value: 'xyz.openbmc_project.Logging.Entry.Level.Informational' },
            Message: { signature: 's', value: 'xyz.openbmc_project.State.Host.Boot' },
            Resolved: { signature: 'b', value: false },
            AdditionalData: { signature: 'as', value: [] },
          },
        },
        [DbusInterface.objectDelete]: {
          properties: {},
          methods: { Delete: { args: [], behaviour: 'delete-self' } },
        },
      },
    },
  ];
}
