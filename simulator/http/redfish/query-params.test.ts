// parseParameters and the pure halves of processAllParams alone (query_param.hpp at 9dae4dee and
// 7debb892; test/redfish-core/include/utils/query_param_test.cpp for the expand walk).

import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../protocol/index.ts';
import { findNavigationReferences, propagateErrorCode, select } from './query.ts';
import { delegate, emptyQuery, type Parsed, parseParameters, type Query } from './query-params.ts';

const ON = { expand: true, filter: true };
const OFF = { expand: false, filter: false };
const parse = (qs: string, options = ON): Parsed => parseParameters(new URLSearchParams(qs), options);

function ok(qs: string, options = ON): Query {
  const p = parse(qs, options);
  if (!p.ok) throw new Error(`${qs}: ${JSON.stringify(p.problem)}`);
  return p.query;
}
const problem = (qs: string, options = ON) => {
  const p = parse(qs, options);
  return p.ok ? undefined : { ...p.problem, status: p.status };
};

describe('parseParameters', () => {
  it('reads only, $top, $skip, $select always; $expand and $filter only where the build has them', () => {
    expect(ok('only').isOnly).toBe(true);
    expect(ok('only=').isOnly).toBe(true);
    expect(ok('$top=2&$skip=1', OFF)).toMatchObject({ top: 2, skip: 1 });
    expect(ok('$select=PowerState', OFF).select.children.has('PowerState')).toBe(true);
    expect(problem('$expand=.', OFF)).toEqual({
      key: 'QueryParameterValueFormatError',
      args: ['.', '$expand'],
      status: 501,
    });
    expect(problem("$filter=Id eq 'a'", { expand: true, filter: false })?.status).toBe(501);
    expect(ok('$expand=*($levels=3)')).toMatchObject({ expandType: 'Both', expandLevel: 3 });
    expect(ok('$expand=~')).toMatchObject({ expandType: 'Links', expandLevel: 1 });
    expect(ok("$filter=Id+eq+'a'").filter).toBeDefined();
  });

  it('answers the first bad parameter in URL order; unknown $ is 501, unknown plain is ignored', () => {
    expect(ok('foo=bar&expand=x').isOnly).toBe(false);
    expect(problem('$foo=1&$top=x')).toEqual({
      key: 'QueryParameterValueFormatError',
      args: ['1', '$foo'],
      status: 501,
    });
    expect(problem('$top=x&$foo=1')?.status).toBeUndefined();
    expect(problem('only=yes')).toMatchObject({ args: ['yes', 'only'] });
  });

  it('checks $top/$skip as std::from_chars into a 32-bit size_t does', () => {
    expect(problem('$top=abc')).toMatchObject({
      key: 'QueryParameterValueFormatError',
      args: ['abc', '$top'],
    });
    expect(problem('$top=-1')?.key).toBe('QueryParameterValueFormatError');
    expect(problem('$top=')?.key).toBe('QueryParameterValueFormatError');
    expect(problem('$top=1001')).toEqual({
      key: 'QueryParameterOutOfRange',
      args: ['1001', '$top', '0-1000'],
      status: undefined,
    });
    expect(problem('$skip=4294967296')).toMatchObject({
      key: 'QueryParameterOutOfRange',
      args: ['4294967296', '$skip', '0-4294967295'],
    });
    // Leading digits are read, the rest ignored.
    expect(ok('$top=5abc').top).toBe(5);
    expect(ok('$top=1000').top).toBe(1000);
  });

  it('checks $expand as getExpandType does', () => {
    for (const bad of [
      '',
      'x',
      '.(levels=1)',
      '.($levels=)',
      '.($levels=256)',
      '.($levels=1',
      '.($levels=1)x',
    ])
      expect(problem(`$expand=${encodeURIComponent(bad)}`)?.key, bad).toBe('QueryParameterValueFormatError');
    expect(ok('$expand=.($levels=0)').expandLevel).toBe(0);
    expect(ok('$expand=.($levels=255)').expandLevel).toBe(255);
  });

  it('checks $select: 10 paths of [A-Za-z0-9#@.] segments up to 60 characters', () => {
    expect(ok('$select=Boot/BootSourceOverrideTarget,Members@odata.count').select.children.size).toBe(2);
    expect(ok('$select=Boot/').select.children.get('Boot')?.selected).toBe(true);
    for (const bad of ['', 'A,,B', '/Boot', 'Boot//X', 'Foo_Bar', 'A'.repeat(61), 'a,b,c,d,e,f,g,h,i,j,k'])
      expect(problem(`$select=${bad}`)?.key, bad).toBe('QueryParameterValueFormatError');
  });

  it('refuses $expand with $select (QueryCombinationInvalid), after every parameter parsed', () => {
    expect(problem('$expand=.&$select=Id')).toEqual({ key: 'QueryCombinationInvalid', status: undefined });
    expect(problem('$select=Id&$expand=.&$top=x')?.key).toBe('QueryParameterValueFormatError');
  });
});

describe('the query work', () => {
  it('$select keeps the selected paths and the @odata properties at every level', () => {
    const system: JsonValue = {
      '@odata.id': '/redfish/v1/Systems/system',
      '@odata.type': '#ComputerSystem',
      Boot: { BootSourceOverrideTarget: 'Pxe', BootSourceOverrideEnabled: 'Once' },
      Links: { Chassis: [{ '@odata.id': '/c', Extra: 1 }] },
      PowerState: 'On',
    };
    expect(
      select(system, ok('$select=PowerState,Boot/BootSourceOverrideTarget,Links/Chassis/Nothing').select),
    ).toEqual({
      '@odata.id': '/redfish/v1/Systems/system',
      '@odata.type': '#ComputerSystem',
      Boot: { BootSourceOverrideTarget: 'Pxe' },
      Links: { Chassis: [{ '@odata.id': '/c' }] },
      PowerState: 'On',
    });
  });

  it('finds links to expand: `.` outside Links, `~` inside, `*` both, one level per nested resource', () => {
    const body: JsonValue = {
      '@odata.id': '/a',
      Child: { '@odata.id': '/b' },
      Links: { Other: [{ '@odata.id': '/c' }] },
      Nested: { '@odata.id': '/d', Name: 'x', Deeper: { '@odata.id': '/e' } },
    };
    const uris = (type: 'Both' | 'Links' | 'NotLinks', levels: number) =>
      findNavigationReferences(type, levels, 0, body).map((n) => n.uri);
    expect(uris('NotLinks', 1)).toEqual(['/b']);
    expect(uris('Links', 1)).toEqual(['/c']);
    expect(uris('Both', 1)).toEqual(['/b', '/c']);
    expect(uris('NotLinks', 2)).toEqual(['/b', '/e']);
    expect(findNavigationReferences('NotLinks', 1, 0, body)[0]?.location).toEqual(['Child']);
  });

  it('delegates what the handler expands itself and keeps the rest', () => {
    const one = delegate({ expandLevel: 1 }, ok('$expand=.($levels=1)'));
    expect([one.query.expandType, one.delegated.expandLevel]).toEqual(['None', 1]);
    const two = delegate({ expandLevel: 1 }, ok('$expand=~($levels=2)'));
    expect([two.query.expandType, two.query.expandLevel, two.delegated.expandLevel]).toEqual(['Links', 2, 1]);
    expect(delegate({}, emptyQuery()).delegated.expandType).toBe('None');
  });

  it('propagates the worse status of an expansion in bmcweb order', () => {
    expect(propagateErrorCode(200, 404)).toBe(404);
    expect(propagateErrorCode(404, 403)).toBe(404);
    expect(propagateErrorCode(403, 401)).toBe(401);
    expect(propagateErrorCode(400, 500)).toBe(500);
  });
});
