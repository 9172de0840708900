// The $filter parser and executor alone: bmcweb's own cases (test/redfish-core/include/
// filter_expr_parser_test.cpp and filter_expr_executor_test.cpp at 7debb892) and the grammar's
// quirks that follow from X3's rules (no backtracking into a matched alternative, a prefix match
// accepted, `and` looser than `or`).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../protocol/index.ts';
import { alphanumComp, filterMembers, type LogicalAnd, memberMatches, parseFilter } from './filter-expr.ts';
import { parseParameters } from './query-params.ts';

const parsed = (expr: string): LogicalAnd => {
  const program = parseFilter(expr);
  if (!program) throw new Error(`did not parse: ${expr}`);
  return program;
};
const matches = (expr: string, member: JsonValue) => memberMatches(member, parsed(expr));

describe('parseFilter', () => {
  it('parses the specification examples, spaces anywhere but inside a comparison', () => {
    for (const expr of [
      'ProcessorSummary/Count eq 2',
      'MemorySummary/TotalSystemMemoryGiB le 64',
      "SystemType ne 'Physical'",
      'ProcessorSummary/Count eq 2 or ProcessorSummary/Count eq 4',
      'not ProcessorSummary/Count eq -2',
      'not(ProcessorSummary/Count eq 2)',
      "(Status/State eq 'Enabled' and Status/Health eq 'OK') or SystemType eq 'Physical'",
      "(foo eq '')",
      '1 eq 1',
      "'OK' eq Status/Health",
      'Reading eq 1e20',
      'Reading eq -2.5E-3',
      'Reading eq 25E-4',
      "foo       eq       ''",
      "(      foo eq ''      )",
      "not           foo eq ''",
      "((((((((((foo eq 'bar'))))))))))",
    ])
      expect(parseFilter(expr), expr).toBeDefined();
  });

  it('refuses what bmcweb refuses', () => {
    for (const expr of [
      '(',
      ')',
      '()',
      '',
      ' ',
      'ProcessorSummary/Count eq',
      'eq ProcessorSummary/Count',
      'not(ProcessorSummary/Count)',
      // 11 levels of parentheses, and more than 1000 bytes (5ba81b8e2f).
      "(((((((((((foo eq 'bar')))))))))))",
      `${'('.repeat(1001)}`,
      // The operator needs spaces (a tab is not one inside the lexeme).
      'Count eq\t2',
      'Counteq 2',
      // int64 overflow: no other argument kind starts with a digit.
      'Count eq 9223372036854775808',
    ])
      expect(parseFilter(expr), JSON.stringify(expr)).toBeUndefined();
  });

  it('keeps X3 quirks: a matching prefix is enough, `not` needs no space, nan/inf are numbers', () => {
    // "Status/State eq 'Enabled')" is in bmcweb's own test: the trailing ) is never read.
    expect(matches("Status/State eq 'Enabled')", { Status: { State: 'Enabled' } })).toBe(true);
    expect(matches("Id eq 'a' garbage", { Id: 'b' })).toBe(false);
    // `notes eq 1` is `not (es eq 1)`; `n ot` is `not` too (both pieces skip spaces).
    expect(matches('notes eq 1', { es: 1 })).toBe(false);
    expect(matches('n ot Count eq 1', { Count: 1 })).toBe(false);
    // Having read `not`, X3 never tries `not` as a property name.
    expect(parseFilter('not eq 1')).toBeUndefined();
    // A key that starts like a double (`Information`) is read as inf, then the comparison fails.
    expect(parseFilter("Information eq 'x'")).toBeUndefined();
    expect(matches('Reading eq nan', { Reading: 1 })).toBe(false);
  });

  it('binds `and` looser than `or` (LogicalAnd of LogicalOr)', () => {
    // A and B or C = A and (B or C): with A false the whole is false even if C holds.
    expect(matches('A eq 1 and B eq 1 or C eq 1', { A: 0, B: 0, C: 1 })).toBe(false);
    expect(matches('A eq 1 or B eq 1 and C eq 1', { A: 1, B: 0, C: 0 })).toBe(false);
  });
});

describe('the executor', () => {
  it('compares numbers in both directions, ints exactly and doubles within epsilon', () => {
    for (const count of [2, 2.0]) {
      const m = { Count: count };
      for (const t of ['Count eq 2', 'Count ne 3', 'Count gt 1', 'Count ge 2', 'Count lt 3', 'Count le 2'])
        expect(matches(t, m), t).toBe(true);
      for (const t of ['3 eq Count', '2 ne Count', '2 gt Count', '1 ge Count', '2 lt Count', '3 le Count'])
        expect(matches(t, m), t).toBe(false);
      expect(matches('Count eq 2.0', m)).toBe(true);
    }
    expect(matches('Reading gt 30.5', { Reading: 30.75 })).toBe(true);
  });

  it('walks nested keys (3c9e6b1cc6) and compares strings with human sort', () => {
    const sensor = {
      Status: { Health: 'OK' },
      Thresholds: { UpperCritical: { Reading: 95 } },
      Name: 'cpu10',
    };
    expect(matches("Status/Health eq 'OK'", sensor)).toBe(true);
    expect(matches('Thresholds/UpperCritical/Reading lt 100', sensor)).toBe(true);
    expect(matches("Name gt 'cpu9'", sensor)).toBe(true);
    expect(alphanumComp('cpu10', 'cpu9')).toBeGreaterThan(0);
    expect(alphanumComp('a', 'a1')).toBeLessThan(0);
    expect(alphanumComp('x2y', 'x2y')).toBe(0);
  });

  it('keeps a member whose key is missing or of another type ("Fell through"), so `not` drops it', () => {
    const link = { '@odata.id': '/redfish/v1/SessionService/Sessions/abc' };
    expect(matches("UserName eq 'root'", link)).toBe(true);
    expect(matches("not (UserName eq 'root')", link)).toBe(false);
    expect(matches('Name eq 5', { Name: 'five' })).toBe(true);
    expect(matches('Enabled eq 1', { Enabled: true })).toBe(true);
  });

  it('filters Members in order', () => {
    const members = [{ Reading: 10 }, { Reading: 40 }, { Reading: 35 }];
    expect(filterMembers(members, parsed('Reading gt 30'))).toEqual([{ Reading: 40 }, { Reading: 35 }]);
    expect(filterMembers(members, parsed('Reading lt 20 or Reading gt 38'))).toEqual([
      { Reading: 10 },
      { Reading: 40 },
    ]);
  });
});

describe('any input', () => {
  const pieces = fc.constantFrom(
    ..."() \t'\\./-+eE0159aZnot".split(''),
    ' eq ',
    ' ne ',
    ' gt ',
    ' le ',
    ' and ',
    ' or ',
    'not ',
    'Reading',
    'Status/Health',
    "'OK'",
    '1.5',
    'inf',
  );
  const text = fc.array(pieces, { maxLength: 40 }).map((a) => a.join(''));

  it('parses or refuses without throwing, and a parsed filter evaluates on any member', () => {
    fc.assert(
      fc.property(text, fc.jsonValue(), (expr, member) => {
        const program = parseFilter(expr);
        if (program) expect(typeof memberMatches(member as JsonValue, program)).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('parseParameters answers a query or one problem for any query string', () => {
    const key = fc.constantFrom('$expand', '$filter', '$select', '$top', '$skip', 'only', '$x', 'x');
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.oneof(text, fc.string())), { maxLength: 4 }), (pairs) => {
        const parsed = parseParameters(pairs, { expand: true, filter: true });
        expect(parsed.ok || parsed.problem.key.startsWith('Query')).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
