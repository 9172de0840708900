// bmcweb's `$filter` language (Redfish spec 7.3.4) as its parser and executor define it: the
// Boost.Spirit X3 grammar of redfish-core/include/filter_expr_parser_grammar.hpp run by
// phrase_parse with a space skipper (src/filter_expr_printer.cpp parseFilter), and the
// evaluation of src/filter_expr_executor.cpp (f88b21706f, 25991f7dd0, 2261a9826c, 1cf8231378
// 2024-07; nested keys 3c9e6b1cc6 2025-01; the 1000-byte and 10-paren limits 5ba81b8e2f
// 2026-04). Pure: no express, no I/O.
//
// The grammar is a PEG (X3 never backtracks into a matched alternative or option), and its
// quirks are kept: `and` binds looser than `or` (LogicalAnd of LogicalOr's), `not` needs no
// space (`notes eq 1` is `not (es eq 1)`), a comparison needs spaces around its operator, and
// phrase_parse accepts a matching prefix (`A eq 1)` is `A eq 1`).

import type { JsonValue } from '../../../protocol/index.ts';

export type ComparisonOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

/** An argument: a number literal (int64 or a strict double), a property path or a quoted string. */
export type FilterArg =
  | { kind: 'int'; value: bigint }
  | { kind: 'double'; value: number }
  | { kind: 'path'; value: string }
  | { kind: 'string'; value: string };

export interface Comparison {
  left: FilterArg;
  op: ComparisonOp;
  right: FilterArg;
}

export interface LogicalNot {
  not: boolean;
  operand: Comparison | LogicalAnd;
}

export interface LogicalOr {
  first: LogicalNot;
  rest: LogicalNot[];
}

/** The program: `first and rest[0] and ...`, each a chain of `or`s. */
export interface LogicalAnd {
  first: LogicalOr;
  rest: LogicalOr[];
}

/** parseFilter's limits (5ba81b8e2f): longer expressions and deeper parentheses fail to parse. */
const MAX_LENGTH = 1000;
const MAX_PAREN_DEPTH = 10;

/** x3::space: the C locale's isspace. */
const isSpace = (c: string | undefined) => c !== undefined && ' \t\n\v\f\r'.includes(c);
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

class FilterParser {
  private pos = 0;
  private depth = 0;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  program(): LogicalAnd | undefined {
    return this.logicalAnd();
  }

  private attempt<T>(parse: () => T | undefined): T | undefined {
    const start = this.pos;
    const out = parse();
    if (out === undefined) this.pos = start;
    return out;
  }

  private skip(): void {
    while (isSpace(this.text[this.pos])) this.pos++;
  }

  /** A literal with the skipper before it (lit("and"), lit('(')). */
  private lit(s: string): boolean {
    const start = this.pos;
    this.skip();
    if (this.text.startsWith(s, this.pos)) {
      this.pos += s.length;
      return true;
    }
    this.pos = start;
    return false;
  }

  private logicalAnd(): LogicalAnd | undefined {
    return this.attempt(() => {
      const first = this.logicalOr();
      if (!first) return undefined;
      const rest: LogicalOr[] = [];
      for (;;) {
        const next = this.attempt(() => (this.lit('and') ? this.logicalOr() : undefined));
        if (!next) break;
        rest.push(next);
      }
      return { first, rest };
    });
  }

  private logicalOr(): LogicalOr | undefined {
    return this.attempt(() => {
      const first = this.logicalNot();
      if (!first) return undefined;
      const rest: LogicalNot[] = [];
      for (;;) {
        const next = this.attempt(() => (this.lit('or') ? this.logicalNot() : undefined));
        if (!next) break;
        rest.push(next);
      }
      return { first, rest };
    });
  }

  /** `-(char_('n') >> lit("ot")) >> booleanOp`: both parts skip spaces before them, so `n ot` is `not`. */
  private logicalNot(): LogicalNot | undefined {
    return this.attempt(() => {
      const not = this.attempt(() => (this.lit('n') && this.lit('ot') ? true : undefined)) ?? false;
      const operand = this.comparison() ?? this.parens();
      return operand ? { not, operand } : undefined;
    });
  }

  private parens(): LogicalAnd | undefined {
    if (this.depth >= MAX_PAREN_DEPTH) return undefined;
    this.depth++;
    const out = this.attempt(() => {
      if (!this.lit('(')) return undefined;
      const inner = this.logicalAnd();
      return inner && this.lit(')') ? inner : undefined;
    });
    this.depth--;
    return out;
  }

  /** `lexeme[arg >> +lit(' ') >> compare >> +lit(' ') >> arg]`: spaces only, no other blanks. */
  private comparison(): Comparison | undefined {
    return this.attempt(() => {
      this.skip();
      const left = this.arg();
      if (!left || !this.spaces()) return undefined;
      const op = this.text.slice(this.pos, this.pos + 2);
      if (!['eq', 'ne', 'gt', 'ge', 'lt', 'le'].includes(op)) return undefined;
      this.pos += 2;
      if (!this.spaces()) return undefined;
      const right = this.arg();
      return right ? { left, op: op as ComparisonOp, right } : undefined;
    });
  }

  private spaces(): boolean {
    const start = this.pos;
    while (this.text[this.pos] === ' ') this.pos++;
    return this.pos > start;
  }

  /** `strictDouble | int64 | unquotedString | quotedString`, the first that matches wins. */
  private arg(): FilterArg | undefined {
    const rest = this.text.slice(this.pos);
    const double = strictDouble(rest);
    if (double) {
      this.pos += double.length;
      return { kind: 'double', value: double.value };
    }
    const int = /^[+-]?\d+/.exec(rest)?.[0];
    if (int !== undefined) {
      const value = BigInt(int);
      // x3::int64 fails on overflow; no other alternative takes a digit.
      if (value < INT64_MIN || value > INT64_MAX) return undefined;
      this.pos += int.length;
      return { kind: 'int', value };
    }
    const path = /^[a-zA-Z][a-zA-Z0-9[\]/]*/.exec(rest)?.[0];
    if (path !== undefined) {
      this.pos += path.length;
      return { kind: 'path', value: path };
    }
    if (rest[0] !== "'") return undefined;
    // `'\'' >> lexeme[*('\\' >> char_ | ~char_('\''))] >> '\''`: a backslash takes the next character.
    let value = '';
    let i = 1;
    while (i < rest.length && rest[i] !== "'") {
      if (rest[i] === '\\' && i + 1 < rest.length) i++;
      value += rest[i];
      i++;
    }
    if (rest[i] !== "'") return undefined;
    this.pos += i + 1;
    return { kind: 'string', value };
  }
}

/**
 * x3's real_parser with strict_real_policies: a number needs a dot or an exponent (`1` is an
 * int, `1.`, `.5`, `1e20` are doubles), and `nan`/`inf`/`infinity` (any case) are doubles too.
 */
function strictDouble(s: string): { length: number; value: number } | undefined {
  const special = /^([+-]?)(nan|infinity|inf)/i.exec(s);
  if (special) {
    const value = special[2]?.toLowerCase() === 'nan' ? Number.NaN : Number.POSITIVE_INFINITY;
    return { length: special[0].length, value: special[1] === '-' ? -value : value };
  }
  const m = /^[+-]?(?:\d+\.\d*|\.\d+|\d+(?=[eE]))/.exec(s);
  if (!m) return undefined;
  // An exponent marker without digits is left unread (and then nothing else parses there).
  const text = m[0] + (/^[eE][+-]?\d+/.exec(s.slice(m[0].length))?.[0] ?? '');
  return { length: text.length, value: Number(text) };
}

/** parseFilter: the expression's program, or undefined where bmcweb answers QueryParameterValueFormatError. */
export function parseFilter(expr: string): LogicalAnd | undefined {
  if (Buffer.byteLength(expr) > MAX_LENGTH) return undefined;
  return new FilterParser(expr).program();
}

// ---- the executor ----

/** ValueVisitor's result: nothing (an unknown key or an uncomparable type), a number or a string. */
type Value =
  | { kind: 'none' }
  | { kind: 'int'; value: bigint }
  | { kind: 'double'; value: number }
  | { kind: 'string'; value: string };

/** json_util::findNestedKey: `A/B/C` walks objects; anything missing is undefined. */
function findNestedKey(key: string, value: JsonValue | undefined): JsonValue | undefined {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value))
    return undefined;
  const slash = key.indexOf('/');
  if (slash < 0) return Object.hasOwn(value, key) ? value[key] : undefined;
  if (Object.keys(value).length === 0) return undefined;
  const part = key.slice(0, slash);
  return Object.hasOwn(value, part) ? findNestedKey(key.slice(slash + 1), value[part]) : undefined;
}

function resolve(arg: FilterArg, body: JsonValue): Value {
  if (arg.kind !== 'path') return arg;
  const found = findNestedKey(arg.value, body);
  if (typeof found === 'string') return { kind: 'string', value: found };
  // A whole JSON number is nlohmann's integer, any other a double; both compare alike.
  if (typeof found === 'number')
    return Number.isSafeInteger(found)
      ? { kind: 'int', value: BigInt(found) }
      : { kind: 'double', value: found };
  return { kind: 'none' };
}

function compareNumbers(left: number, op: ComparisonOp, right: number): boolean {
  // doDoubleComparison refuses non-finite numbers; equality is within epsilon.
  if (!Number.isFinite(left) || !Number.isFinite(right)) return false;
  return compareOrdered(left - right, op, Number.EPSILON);
}

function compareOrdered(diff: number | bigint, op: ComparisonOp, epsilon = 0): boolean {
  const d = typeof diff === 'bigint' ? (diff > 0n ? 1 : diff < 0n ? -1 : 0) : diff;
  switch (op) {
    case 'eq':
      return Math.abs(d) <= epsilon;
    case 'ne':
      return Math.abs(d) > epsilon;
    case 'gt':
      return d > 0;
    case 'ge':
      return d >= 0;
    case 'lt':
      return d < 0;
    case 'le':
      return d <= 0;
  }
}

/**
 * human_sort.hpp alphanumComp over the UTF-8 bytes (signed chars, as on the BMC's compiler): runs
 * of digits compare as numbers, other bytes by difference.
 */
export function alphanumComp(left: string, right: string): number {
  const l = Buffer.from(left, 'utf8');
  const r = Buffer.from(right, 'utf8');
  const isDigit = (b: number | undefined) => b !== undefined && b >= 0x30 && b <= 0x39;
  const signed = (b: number) => (b > 127 ? b - 256 : b);
  let i = 0;
  let j = 0;
  while (i < l.length && j < r.length) {
    const a = l[i] as number;
    const b = r[j] as number;
    if (isDigit(a) && isDigit(b)) {
      let x = i;
      while (isDigit(l[x])) x++;
      let y = j;
      while (isDigit(r[y])) y++;
      // std::from_chars into an int: an overflowing run leaves 0.
      const num = (s: Buffer, from: number, to: number) => {
        const n = Number(s.subarray(from, to).toString('latin1'));
        return n > 2147483647 ? 0 : n;
      };
      const diff = num(l, i, x) - num(r, j, y);
      if (diff !== 0) return diff;
      i = x;
      j = y;
      continue;
    }
    if (isDigit(a)) return -1;
    if (isDigit(b)) return 1;
    const diff = signed(a) - signed(b);
    if (diff !== 0) return diff;
    i++;
    j++;
  }
  if (i === l.length && j === r.length) return 0;
  return j === r.length ? 1 : -1;
}

function compare(c: Comparison, body: JsonValue): boolean {
  const left = resolve(c.left, body);
  const right = resolve(c.right, body);
  if (left.kind === 'int' && right.kind === 'int') return compareOrdered(left.value - right.value, c.op);
  const num = (v: Value) => (v.kind === 'int' ? Number(v.value) : v.kind === 'double' ? v.value : undefined);
  const [ln, rn] = [num(left), num(right)];
  if (ln !== undefined && rn !== undefined) return compareNumbers(ln, c.op, rn);
  if (left.kind === 'string' && right.kind === 'string') {
    if (c.op === 'eq') return left.value === right.value;
    if (c.op === 'ne') return left.value !== right.value;
    return compareOrdered(alphanumComp(left.value, right.value), c.op);
  }
  // "Fell through. Should never happen": a missing key or mixed types keep the member.
  return true;
}

const evalAnd = (n: LogicalAnd, body: JsonValue): boolean =>
  n.rest.reduce((v, r) => v && evalOr(r, body), evalOr(n.first, body));
const evalOr = (n: LogicalOr, body: JsonValue): boolean =>
  n.rest.reduce((v, r) => v || evalNot(r, body), evalNot(n.first, body));
const evalNot = (n: LogicalNot, body: JsonValue): boolean =>
  n.not !== ('op' in n.operand ? compare(n.operand, body) : evalAnd(n.operand, body));

/** memberMatches: does one collection member pass the filter. */
export const memberMatches = (member: JsonValue, filter: LogicalAnd): boolean => evalAnd(filter, member);

/** applyFilterToCollection: the Members that match, in order (the body is left untouched). */
export function filterMembers(members: readonly JsonValue[], filter: LogicalAnd): JsonValue[] {
  return members.filter((m) => memberMatches(m, filter));
}
