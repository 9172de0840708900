// bmcweb's query-parameter parsing (redfish-core/include/utils/query_param.hpp parseParameters,
// 9dae4dee and HEAD 7debb892): the parameters in the order the URL gives them, the first bad one
// answering; then `$expand` with `$select` is QueryCombinationInvalid. `only`, `$top`, `$skip`
// and `$select` are always parsed; `$expand` and `$filter` only where the build has
// insecure-enable-redfish-query (the `query` switch) and the era has them; any other `$x` is 501,
// anything else without `$` is ignored (Redfish spec 7.3.1). Pure: no express.

import { type LogicalAnd, parseFilter } from './filter-expr.ts';
import type { Problem } from './messages.ts';

export type ExpandType = 'None' | 'Links' | 'NotLinks' | 'Both';

/** A node of the $select trie: a selected property keeps its whole value, else its children are walked. */
export interface SelectNode {
  selected: boolean;
  children: Map<string, SelectNode>;
}

export interface Query {
  isOnly: boolean;
  expandType: ExpandType;
  /** uint8_t. */
  expandLevel: number;
  skip?: number;
  top?: number;
  filter?: LogicalAnd;
  select: SelectNode;
}

/** Which parameters a resource handler does itself (QueryCapabilities; Sensors expands one level). */
export interface QueryCapabilities {
  expandLevel?: number;
}

export type Parsed = { ok: true; query: Query } | { ok: false; problem: Problem; status?: number };

/** What this build parses beyond the four always-on parameters. */
export interface QueryOptions {
  expand: boolean;
  filter: boolean;
}

/** Query::maxTop. */
export const MAX_TOP = 1000;
/** size_t on the ASPEED AST2500/AST2600 (32-bit ARM) these builds run on: $skip's range and overflow. */
export const SIZE_MAX = 2n ** 32n - 1n;

const emptyNode = (): SelectNode => ({ selected: false, children: new Map() });
export const emptyQuery = (): Query => ({
  isOnly: false,
  expandType: 'None',
  expandLevel: 0,
  select: emptyNode(),
});

/** getExpandType: `*`, `.` or `~`, optionally `($levels=N)` with N a uint8_t; nothing else. */
function parseExpand(value: string): { type: ExpandType; level: number } | undefined {
  const type = ({ '*': 'Both', '.': 'NotLinks', '~': 'Links' } as const)[value[0] ?? ''];
  if (!type) return undefined;
  const rest = value.slice(1);
  if (rest === '') return { type, level: 1 };
  // std::from_chars into uint8_t: digits only, out of range (> 255) is an error.
  const m = /^\(\$levels=(\d+)\)$/.exec(rest);
  if (!m) return undefined;
  const level = Number(m[1]);
  return level > 255 ? undefined : { type, level };
}

/** getNumericParam: std::from_chars into size_t reads leading digits and ignores what follows. */
function parseSize(value: string): { ok: true; value: number } | { ok: false; outOfRange: boolean } {
  const digits = /^\d+/.exec(value)?.[0];
  if (digits === undefined) return { ok: false, outOfRange: false };
  const n = BigInt(digits);
  if (n > SIZE_MAX) return { ok: false, outOfRange: true };
  return { ok: true, value: Number(n) };
}

/** isSelectedPropertyAllowed: 1 to 60 characters of [A-Za-z0-9#@.] (the comment says `_` too; the code does not). */
const allowedProperty = (p: string) => p.length > 0 && p.length <= 60 && /^[A-Za-z0-9#@.]+$/.test(p);

/** SelectTrie::insertNode: `A/B/C` paths; a trailing `/` is ignored, an empty segment is refused. */
function insertSelect(root: SelectNode, nested: string): boolean {
  if (nested === '') return false;
  let node = root;
  let rest = nested;
  while (rest !== '') {
    const slash = rest.indexOf('/');
    const property = slash < 0 ? rest : rest.slice(0, slash);
    if (!allowedProperty(property)) return false;
    let child = node.children.get(property);
    if (!child) {
      child = emptyNode();
      node.children.set(property, child);
    }
    node = child;
    if (slash < 0) break;
    rest = rest.slice(slash + 1);
  }
  node.selected = true;
  return true;
}

/** getSelectParam: at most 10 comma-separated paths (bmcweb::split keeps empty pieces). */
function parseSelect(value: string, root: SelectNode): boolean {
  const properties = value.split(',');
  if (properties.length > 10) return false;
  return properties.every((p) => insertSelect(root, p));
}

const formatError = (value: string, key: string): Problem => ({
  key: 'QueryParameterValueFormatError',
  args: [value, key],
});

/** parseParameters over the decoded (key, value) pairs in URL order. */
export function parseParameters(params: Iterable<[string, string]>, options: QueryOptions): Parsed {
  const query = emptyQuery();
  for (const [key, value] of params) {
    if (key === 'only') {
      if (value !== '') return { ok: false, problem: formatError(value, key) };
      query.isOnly = true;
    } else if (key === '$expand' && options.expand) {
      const expand = parseExpand(value);
      if (!expand) return { ok: false, problem: formatError(value, key) };
      query.expandType = expand.type;
      query.expandLevel = expand.level;
    } else if (key === '$top' || key === '$skip') {
      const n = parseSize(value);
      if (!n.ok && !n.outOfRange) return { ok: false, problem: formatError(value, key) };
      if (!n.ok || (key === '$top' && n.value > MAX_TOP)) {
        const range = key === '$top' ? `0-${MAX_TOP}` : `0-${SIZE_MAX}`;
        return { ok: false, problem: { key: 'QueryParameterOutOfRange', args: [value, key, range] } };
      }
      if (key === '$top') query.top = n.value;
      else query.skip = n.value;
    } else if (key === '$select') {
      if (!parseSelect(value, query.select)) return { ok: false, problem: formatError(value, key) };
    } else if (key === '$filter' && options.filter) {
      const filter = parseFilter(value);
      if (!filter) return { ok: false, problem: formatError(value, key) };
      query.filter = filter;
    } else if (key.startsWith('$')) {
      // "Services shall return ... 501 Not Implemented for any unsupported query parameters
      // that start with $": the message stays QueryParameterValueFormatError.
      return { ok: false, problem: formatError(value, key), status: 501 };
    }
  }
  if (query.expandType !== 'None' && query.select.children.size > 0)
    return { ok: false, problem: { key: 'QueryCombinationInvalid' } };
  return { ok: true, query };
}

/**
 * delegate: what the resource handler does itself is taken out of the query and handed to it.
 * Only expansion is delegated on this face's routes (the Sensors collection, one level).
 */
export function delegate(capabilities: QueryCapabilities, query: Query): { query: Query; delegated: Query } {
  const delegated = emptyQuery();
  const rest: Query = { ...query };
  const level = capabilities.expandLevel ?? 0;
  if (query.expandType !== 'None') {
    delegated.expandType = query.expandType;
    if (query.expandLevel <= level) {
      rest.expandType = 'None';
      delegated.expandLevel = query.expandLevel;
      rest.expandLevel = 0;
    } else delegated.expandLevel = level;
  }
  return { query: rest, delegated };
}
