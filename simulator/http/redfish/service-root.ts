// The unauthenticated entry points: /redfish, the service root, /redfish/v1/odata and $metadata
// (bmcweb redfish_v1.hpp, service_root.hpp, static/redfish/v1/odata/index.json, metadata.hpp).
// No `Vendor`, no `Product`: bmcweb never set them (redfish.md 2.1).

import type { JsonValue } from '../../../protocol/index.ts';
import { ObjectPath, RedfishPath } from '../../../protocol/index.ts';
import { odataContext, ok, type RedfishContext, type RedfishReply } from './context.ts';

const link = (id: string): JsonValue => ({ '@odata.id': id });

export function getEntry(): RedfishReply {
  return ok({ v1: '/redfish/v1/' });
}

export function getServiceRoot(ctx: RedfishContext): RedfishReply {
  const { rules, bmc } = ctx;
  const uuid = bmc.tree.get(`${ObjectPath.inventorySystem}/chassis/motherboard`, 'UUID');
  const root: Record<string, JsonValue> = {
    '@odata.id': RedfishPath.root,
    '@odata.type': rules.types.serviceRoot,
    ...odataContext(rules, 'ServiceRoot.ServiceRoot'),
    AccountService: link(RedfishPath.accountService),
    CertificateService: link('/redfish/v1/CertificateService'),
    Chassis: link(RedfishPath.chassisCollection),
    Id: 'RootService',
    JsonSchemas: link('/redfish/v1/JsonSchemas'),
    Links: { Sessions: link(RedfishPath.sessions) },
    Managers: link(RedfishPath.managers),
    Name: 'Root Service',
    RedfishVersion: rules.types.redfishVersion,
    Registries: link('/redfish/v1/Registries'),
    SessionService: link(RedfishPath.sessionService),
    Systems: link(RedfishPath.systems),
    UUID: typeof uuid === 'string' ? uuid : '',
    UpdateService: link('/redfish/v1/UpdateService'),
  };
  if (!rules.odataContext) {
    // 2020+ (638e239e): the task, event and telemetry services.
    root.Tasks = link('/redfish/v1/TaskService');
    root.EventService = link('/redfish/v1/EventService');
    root.TelemetryService = link('/redfish/v1/TelemetryService');
  }
  if (rules.odataVersion) {
    // 2022+ (9dae4dee): cables, the managing BMC and the query features.
    const query = ctx.switches.has('query');
    root.Cables = link('/redfish/v1/Cables');
    root.Links = {
      ...(root.Links as Record<string, JsonValue>),
      ManagerProvidingService: link(RedfishPath.manager),
    };
    root.ProtocolFeaturesSupported = {
      DeepOperations: { DeepPATCH: false, DeepPOST: false },
      ExcerptQuery: false,
      ExpandQuery: {
        ExpandAll: query,
        Levels: query,
        Links: query,
        NoLinks: query,
        ...(query ? { MaxLevels: 6 } : {}),
      },
      // Behind the same option since 25991f7dd0 (2024-07).
      FilterQuery: query && rules.query?.filter === true,
      OnlyMemberQuery: true,
      SelectQuery: true,
    };
  }
  return ok(root);
}

const ODATA_SERVICES = [
  '$metadata',
  'odata',
  'JsonSchemas',
  'Service',
  'ServiceRoot',
  'Systems',
  'Chassis',
  'Managers',
  'SessionService',
  'AccountService',
  'UpdateService',
];

/** The static odata service document (static/redfish/v1/odata/index.json, served as written: 4-space indent). */
export function getOdata(): RedfishReply {
  const doc = {
    '@odata.context': '/redfish/v1/$metadata',
    value: ODATA_SERVICES.map((name) => ({
      kind: 'Singleton',
      name,
      url: name === 'Service' ? '/redfish/v1/' : `/redfish/v1/${name}`,
    })),
  };
  return { status: 200, body: `${JSON.stringify(doc, null, 4)}\n`, contentType: 'application/json' };
}

/** Schemas of the types this face serves: each referenced with its namespaces (metadata.hpp). */
const SCHEMAS: readonly string[] = [
  'AccountService',
  'ActionInfo',
  'Chassis',
  'ComputerSystem',
  'ComputerSystemCollection',
  'ChassisCollection',
  'Manager',
  'ManagerCollection',
  'Message',
  'Power',
  'Resource',
  'ServiceRoot',
  'Session',
  'SessionCollection',
  'SessionService',
  'Thermal',
];

/** `$metadata`: an EDMX document referencing the DMTF CSDL of each served type. */
export function getMetadata(): RedfishReply {
  let xml = '<?xml version="1.0" encoding="UTF-8"?>\n';
  xml += '<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">\n';
  for (const schema of SCHEMAS) {
    xml += `    <edmx:Reference Uri="/redfish/v1/schema/${schema}_v1.xml">\n`;
    xml += `        <edmx:Include Namespace="${schema}"/>\n`;
    if (!schema.endsWith('Collection')) xml += `        <edmx:Include Namespace="${schema}.v1_0_0"/>\n`;
    xml += '    </edmx:Reference>\n';
  }
  xml += '    <edmx:DataServices>\n';
  xml += '        <Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="Service">\n';
  xml += '            <EntityContainer Name="Service" Extends="ServiceRoot.v1_0_0.ServiceContainer"/>\n';
  xml += '        </Schema>\n';
  xml += '    </edmx:DataServices>\n';
  xml += '</edmx:Edmx>\n';
  return { status: 200, body: xml, contentType: 'application/xml' };
}
