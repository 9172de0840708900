// A small Redfish BMC for the driver's Redfish tests, over a real socket: the bmcweb shapes of
// redfish.md 2.1-2.3 (unauthenticated root, sessions with X-Auth-Token + Location, 401 with
// WWW-Authenticate, a System with Boot and a Reset action, ETag + If-Match/412, error bodies
// with @Message.ExtendedInfo), plus switches for the BMCs the driver must cope with. Not the
// simulator: each test states the one behaviour it needs.

import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRedfishOptions {
  /** Inline ResetType@Redfish.AllowableValues (2018-2019) instead of an ActionInfo. */
  inlineResetTypes?: string[];
  /** ActionInfo AllowableValues (default: bmcweb's eight). */
  actionInfoResetTypes?: string[];
  /** ETag on GET, If-Match checked on PATCH (bmcweb 2022+). */
  etag?: 'strong' | 'weak' | false;
  /** 412 to every If-Match (an ETag the BMC itself never matches). */
  ignoreOwnEtag?: boolean;
  /** Refuse BootSourceOverrideEnabled Continuous (redfish.md 5, "no-continuous"). */
  noContinuous?: boolean;
  /** Refuse a Boot PATCH that lacks target, enabled or mode (AMI-style "full-boot-required"). */
  fullBoot?: boolean;
  /** GETs of the System a power transition stays in PoweringOn/PoweringOff. */
  transitionReads?: number;
  /** A power-on that ends Quiesced (a failed boot). */
  failBoot?: boolean;
  /** Property-level errors without an `error` object (bmcweb before 2026-04). */
  propertyAnnotationErrors?: boolean;
  /** No BootSourceOverrideMode in Boot (no Control.Boot.Type interface). */
  noBootMode?: boolean;
  /** The root names no Systems (a broken or partial Redfish). */
  noSystems?: boolean;
  /** The server answers this instead of Redfish at /redfish/v1/ (a D-Bus-REST-only firmware). */
  rootStatus?: number;
  /** The root says $expand works, but the Sensors collection answers it 501 (bmcweb without the query option). */
  expandRefused?: boolean;
  /** Echo the login password in the 401 body (the driver must scrub it). */
  echoPassword?: boolean;
  /** The Ids Systems lists (default: bmcweb's one, system); each serves the same host. */
  systems?: string[];
  /** Every session ends as soon as it is created (its token answers 401 at once). */
  sessionsEndAtOnce?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const MSG = (id: string, message: string, args: string[] = []) => ({
  '@odata.type': '#Message.v1_1_1.Message',
  MessageId: `Base.1.18.1.${id}`,
  Message: message,
  MessageArgs: args,
  MessageSeverity: 'Warning',
  Resolution: 'None.',
});

/** The boot targets bmcweb's System lists in BootSourceOverrideTarget@Redfish.AllowableValues. */
export const BOOT_TARGETS: readonly string[] = ['None', 'Pxe', 'Hdd', 'Cd', 'Diags', 'BiosSetup', 'Usb'];
/** The ResetType values bmcweb's ResetActionInfo allows. */
export const RESET_TYPES: readonly string[] = [
  'ForceOff',
  'PowerCycle',
  'Nmi',
  'On',
  'ForceOn',
  'ForceRestart',
  'GracefulRestart',
  'GracefulShutdown',
];

export class FakeRedfish {
  readonly requests: RecordedRequest[] = [];
  readonly sessions = new Map<string, string>();
  /** Sessions ever created (a leak shows as created > deleted). */
  created = 0;
  deleted = 0;
  power: 'On' | 'Off' | 'PoweringOn' | 'PoweringOff' = 'Off';
  status: 'Enabled' | 'Disabled' | 'Quiesced' = 'Disabled';
  boot: Record<string, string> = {
    BootSourceOverrideEnabled: 'Disabled',
    BootSourceOverrideTarget: 'None',
    BootSourceOverrideMode: 'UEFI',
  };
  resets: string[] = [];
  #pending: { to: 'On' | 'Off'; reads: number } | null = null;
  #server: Server;
  readonly o: FakeRedfishOptions;
  readonly user = 'root';
  readonly password = 'fake-pass-0';

  constructor(o: FakeRedfishOptions = {}) {
    this.o = o;
    if (o.noBootMode) delete this.boot.BootSourceOverrideMode;
    this.#server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => {
        body += c;
      });
      req.on('end', () => this.#handle(req, res, body));
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((r) => this.#server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((r) => this.#server.close(() => r()));
  }

  /** Requests as "METHOD path", for order assertions. */
  lines(): string[] {
    return this.requests.map((r) => `${r.method} ${r.path}`);
  }

  #system(id = 'system'): Record<string, unknown> {
    if (this.#pending) {
      this.#pending.reads -= 1;
      if (this.#pending.reads < 0) {
        this.power = this.#pending.to;
        this.status = this.#pending.to === 'On' ? (this.o.failBoot ? 'Quiesced' : 'Enabled') : 'Disabled';
        if (this.#pending.to === 'On' && this.boot.BootSourceOverrideEnabled === 'Once')
          this.boot.BootSourceOverrideEnabled = 'Disabled';
        this.#pending = null;
      }
    }
    const reset: Record<string, unknown> = {
      target: `/redfish/v1/Systems/${id}/Actions/ComputerSystem.Reset`,
    };
    if (this.o.inlineResetTypes) reset['ResetType@Redfish.AllowableValues'] = this.o.inlineResetTypes;
    else reset['@Redfish.ActionInfo'] = `/redfish/v1/Systems/${id}/ResetActionInfo`;
    return {
      '@odata.id': `/redfish/v1/Systems/${id}`,
      '@odata.type': '#ComputerSystem.v1_22_0.ComputerSystem',
      Id: id,
      Name: id,
      PowerState: this.power,
      Status: { State: this.status, Health: 'OK' },
      Boot: {
        ...this.boot,
        'BootSourceOverrideTarget@Redfish.AllowableValues': [...BOOT_TARGETS],
        ...(this.boot.BootSourceOverrideMode
          ? { 'BootSourceOverrideMode@Redfish.AllowableValues': ['Legacy', 'UEFI'] }
          : {}),
      },
      Actions: { '#ComputerSystem.Reset': reset },
      Links: {
        Chassis: [{ '@odata.id': '/redfish/v1/Chassis/chassis' }],
        ManagedBy: [{ '@odata.id': '/redfish/v1/Managers/bmc' }],
      },
    };
  }

  #etagOf(json: unknown): string | undefined {
    if (!this.o.etag) return undefined;
    const h = createHash('sha256').update(JSON.stringify(json)).digest('hex').slice(0, 8).toUpperCase();
    return this.o.etag === 'weak' ? `W/"${h}"` : `"${h}"`;
  }

  #send(res: ServerResponse, status: number, json?: unknown, headers: Record<string, string> = {}) {
    res.setHeader('OData-Version', '4.0');
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    if (json === undefined) {
      res.writeHead(status).end();
      return;
    }
    const text = JSON.stringify(json);
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(text);
  }

  #error(res: ServerResponse, status: number, msg: ReturnType<typeof MSG>, prop?: string) {
    if (prop && this.o.propertyAnnotationErrors) {
      this.#send(res, status, { [`${prop}@Message.ExtendedInfo`]: [msg] });
      return;
    }
    this.#send(res, status, {
      error: { code: msg.MessageId, message: msg.Message, '@Message.ExtendedInfo': [msg] },
    });
  }

  #handle(req: IncomingMessage, res: ServerResponse, body: string) {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    this.requests.push({ method, path: req.url ?? '/', headers: req.headers, body });
    // Every listed System is served by the one host below, under its own Id.
    const ids = this.o.systems ?? ['system'];
    const bySystem = /^\/redfish\/v1\/Systems\/([^/]+)(\/.*)?$/.exec(path.replace(/\/$/, ''));
    const systemId = bySystem?.[1] && ids.includes(bySystem[1]) ? bySystem[1] : 'system';
    const p =
      bySystem?.[1] && ids.includes(bySystem[1])
        ? `/redfish/v1/Systems/system${bySystem[2] ?? ''}`
        : bySystem
          ? '/redfish/v1/Systems/no-such-system'
          : path.replace(/\/$/, '');
    const odata = req.headers['odata-version'];
    if (typeof odata === 'string' && odata !== '4.0')
      return this.#error(
        res,
        412,
        MSG(
          'PreconditionFailed',
          'The ETag supplied did not match the ETag required to change this resource.',
        ),
      );
    if (method === 'GET' && p === '/redfish') return this.#send(res, 200, { v1: '/redfish/v1/' });
    if (method === 'GET' && p === '/redfish/v1/$metadata') {
      res.writeHead(200, { 'Content-Type': 'application/xml', 'OData-Version': '4.0' });
      res.end(
        '<?xml version="1.0" encoding="UTF-8"?>\n<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0"></edmx:Edmx>\n',
      );
      return;
    }
    if (method === 'GET' && p === '/redfish/v1/odata')
      return this.#send(res, 200, {
        value: [{ name: 'Systems', kind: 'Singleton', url: '/redfish/v1/Systems' }],
      });
    if (method === 'GET' && p === '/redfish/v1') {
      if (this.o.rootStatus)
        return this.#send(res, this.o.rootStatus, {
          data: { description: 'not found' },
          message: '404 Not Found',
          status: 'error',
        });
      return this.#send(res, 200, {
        '@odata.id': '/redfish/v1',
        '@odata.type': '#ServiceRoot.v1_15_0.ServiceRoot',
        Id: 'RootService',
        RedfishVersion: '1.17.0',
        ...(this.o.expandRefused
          ? { ProtocolFeaturesSupported: { ExpandQuery: { ExpandAll: true, Levels: true } } }
          : {}),
        ...(this.o.noSystems ? {} : { Systems: { '@odata.id': '/redfish/v1/Systems' } }),
        Chassis: { '@odata.id': '/redfish/v1/Chassis' },
        Managers: { '@odata.id': '/redfish/v1/Managers' },
        SessionService: { '@odata.id': '/redfish/v1/SessionService' },
        Links: { Sessions: { '@odata.id': '/redfish/v1/SessionService/Sessions' } },
      });
    }
    if (method === 'POST' && p === '/redfish/v1/SessionService/Sessions') {
      let creds: Record<string, unknown> = {};
      try {
        creds = JSON.parse(body) as Record<string, unknown>;
      } catch {
        return this.#error(res, 400, MSG('MalformedJSON', 'The request body submitted was malformed JSON.'));
      }
      if (creds.UserName !== this.user || creds.Password !== this.password) {
        const m = MSG(
          'ResourceAtUriUnauthorized',
          `While accessing the resource at /redfish/v1/SessionService/Sessions, the service received an authorization error ${this.o.echoPassword ? String(creds.Password) : ''}.`,
        );
        return this.#error(res, 401, m);
      }
      const id = randomBytes(5).toString('hex');
      const token = randomBytes(10).toString('hex');
      if (!this.o.sessionsEndAtOnce) this.sessions.set(token, id);
      this.created += 1;
      return this.#send(
        res,
        201,
        { '@odata.id': `/redfish/v1/SessionService/Sessions/${id}`, Id: id, UserName: this.user },
        { 'X-Auth-Token': token, Location: `/redfish/v1/SessionService/Sessions/${id}` },
      );
    }
    const token = req.headers['x-auth-token'];
    const basic = req.headers.authorization;
    const ok =
      (typeof token === 'string' && this.sessions.has(token)) ||
      basic === `Basic ${Buffer.from(`${this.user}:${this.password}`).toString('base64')}`;
    if (!ok) {
      res.setHeader('WWW-Authenticate', 'Basic');
      return this.#send(res, 401);
    }
    const sessionMatch = /^\/redfish\/v1\/SessionService\/Sessions\/(\w+)$/.exec(p);
    if (method === 'DELETE' && sessionMatch) {
      const entry = [...this.sessions.entries()].find(([, id]) => id === sessionMatch[1]);
      if (!entry)
        return this.#error(res, 404, MSG('ResourceNotFound', 'The requested resource was not found.'));
      this.sessions.delete(entry[0]);
      this.deleted += 1;
      return this.#send(res, 200, {
        '@Message.ExtendedInfo': [MSG('Success', 'Successfully Completed Request')],
      });
    }
    if (method === 'GET' && p === '/redfish/v1/Systems')
      return this.#send(res, 200, {
        Members: ids.map((id) => ({ '@odata.id': `/redfish/v1/Systems/${id}` })),
        'Members@odata.count': ids.length,
      });
    if (method === 'GET' && p === '/redfish/v1/Systems/system') {
      const json = this.#system(systemId);
      const etag = this.#etagOf(json);
      return this.#send(res, 200, json, etag ? { ETag: etag } : {});
    }
    if (method === 'GET' && p === '/redfish/v1/Systems/system/ResetActionInfo') {
      return this.#send(res, 200, {
        Parameters: [
          {
            Name: 'ResetType',
            Required: true,
            AllowableValues: this.o.actionInfoResetTypes ?? [...RESET_TYPES],
          },
        ],
      });
    }
    if (method === 'PATCH' && p === '/redfish/v1/Systems/system')
      return this.#patch(req, res, body, systemId);
    if (p === '/redfish/v1/Systems/system' && method !== 'GET') {
      res.setHeader('Allow', 'GET, HEAD, PATCH');
      return this.#error(
        res,
        405,
        MSG('OperationNotAllowed', 'The HTTP method is not allowed on this resource.'),
      );
    }
    if (method === 'POST' && p === '/redfish/v1/Systems/system/Actions/ComputerSystem.Reset') {
      const t = (JSON.parse(body) as { ResetType?: string }).ResetType ?? '';
      this.resets.push(t);
      const reads = this.o.transitionReads ?? 0;
      if (t === 'On' || t === 'ForceOn') {
        if (this.power === 'Off') {
          this.power = 'PoweringOn';
          this.#pending = { to: 'On', reads };
        }
      } else if (t === 'ForceOff' || t === 'GracefulShutdown') {
        if (this.power === 'On') {
          this.power = 'PoweringOff';
          this.#pending = { to: 'Off', reads };
        }
      } else if (t === 'GracefulRestart' || t === 'ForceRestart' || t === 'PowerCycle') {
        this.power = 'PoweringOn';
        this.#pending = { to: 'On', reads };
      } else if (t !== 'Nmi') {
        return this.#error(
          res,
          400,
          MSG(
            'ActionParameterUnknown',
            `The action ComputerSystem.Reset was submitted with the invalid parameter ResetType.`,
            [t],
          ),
        );
      }
      return this.#send(res, 204);
    }
    if (method === 'GET' && p === '/redfish/v1/Chassis/chassis')
      return this.#send(res, 200, {
        Id: 'chassis',
        PowerState: this.power === 'On' ? 'On' : 'Off',
        Sensors: { '@odata.id': '/redfish/v1/Chassis/chassis/Sensors' },
      });
    if (
      method === 'GET' &&
      p === '/redfish/v1/Chassis/chassis/Sensors' &&
      (req.url ?? '').includes('$expand')
    )
      return this.#error(
        res,
        501,
        MSG(
          'QueryParameterValueFormatError',
          'The value for the parameter $expand is of a different format than the parameter can accept.',
        ),
      );
    if (method === 'GET' && p === '/redfish/v1/Chassis/chassis/Sensors')
      return this.#send(res, 200, {
        Members: [
          { '@odata.id': '/redfish/v1/Chassis/chassis/Sensors/temperature_ambient' },
          { '@odata.id': '/redfish/v1/Chassis/chassis/Sensors/fan_tach_fan0' },
        ],
      });
    if (method === 'GET' && p === '/redfish/v1/Chassis/chassis/Sensors/temperature_ambient')
      return this.#send(res, 200, {
        Id: 'temperature_ambient',
        Name: 'ambient',
        Reading: 24.5,
        ReadingType: 'Temperature',
        ReadingUnits: 'Cel',
        Status: { Health: 'OK' },
        Thresholds: { UpperCritical: { Reading: 90 } },
      });
    if (method === 'GET' && p === '/redfish/v1/Chassis/chassis/Sensors/fan_tach_fan0')
      return this.#send(res, 200, {
        Id: 'fan_tach_fan0',
        Name: 'fan0',
        Reading: 5200,
        ReadingType: 'Rotational',
        ReadingUnits: 'RPM',
        Status: { Health: 'Warning' },
      });
    if (method === 'GET' && p === '/redfish/v1/Managers/bmc')
      return this.#send(res, 200, { Id: 'bmc', FirmwareVersion: '2.16.0-fake' });
    return this.#error(res, 404, MSG('ResourceNotFound', 'The requested resource was not found.'));
  }

  #patch(req: IncomingMessage, res: ServerResponse, body: string, systemId: string) {
    const ifMatch = req.headers['if-match'];
    if (this.o.etag && typeof ifMatch === 'string') {
      const current = this.#etagOf(this.#system(systemId));
      if (this.o.ignoreOwnEtag || (ifMatch !== current && ifMatch !== '*'))
        return this.#error(
          res,
          412,
          MSG(
            'PreconditionFailed',
            'The ETag supplied did not match the ETag required to change this resource.',
          ),
        );
    }
    const b = JSON.parse(body) as Record<string, unknown> & { Boot?: Record<string, string> };
    const unknown = Object.keys(b).find((k) => k !== 'Boot');
    if (unknown)
      return this.#error(
        res,
        400,
        MSG(
          'PropertyUnknown',
          `The property ${unknown} is not in the list of valid properties for the resource.`,
          [unknown],
        ),
        unknown,
      );
    const boot = b.Boot ?? {};
    if (
      this.o.fullBoot &&
      !(
        'BootSourceOverrideTarget' in boot &&
        'BootSourceOverrideEnabled' in boot &&
        'BootSourceOverrideMode' in boot
      )
    )
      return this.#error(
        res,
        400,
        MSG(
          'PropertyMissing',
          'The property BootSourceOverrideMode is a required property and must be included in the request.',
          ['BootSourceOverrideMode'],
        ),
        'Boot',
      );
    if (this.o.noContinuous && boot.BootSourceOverrideEnabled === 'Continuous')
      return this.#error(
        res,
        400,
        MSG(
          'PropertyValueNotInList',
          'The value "Continuous" for the property BootSourceOverrideEnabled is not in the list of acceptable values.',
          ['Continuous', 'BootSourceOverrideEnabled'],
        ),
        'BootSourceOverrideEnabled',
      );
    if ('BootSourceOverrideMode' in boot && !this.boot.BootSourceOverrideMode)
      return this.#error(
        res,
        400,
        MSG(
          'PropertyUnknown',
          'The property BootSourceOverrideMode is not in the list of valid properties for the resource.',
          ['BootSourceOverrideMode'],
        ),
        'BootSourceOverrideMode',
      );
    Object.assign(this.boot, boot);
    return this.#send(res, 204);
  }
}

export function fakeTask(address: string, extra: Record<string, unknown> = {}) {
  return {
    node: {
      uuid: 'node-1',
      driver_info: {
        openbmc_address: address,
        openbmc_username: 'root',
        openbmc_password: 'fake-pass-0',
        openbmc_poll_interval: 0.001,
        openbmc_poll_max_interval: 0.001,
        openbmc_min_command_interval: 0,
        openbmc_retries: 0,
        ...extra,
      },
      driver_internal_info: {} as Record<string, unknown>,
    },
  };
}
