// JUnit XML parsed for real (fast-xml-parser), for tests of the kit's JUnit report: well-formed,
// and every count attribute agrees with the elements under it.

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';

export type JunitNode = Record<string, unknown>;

/** An element that may occur once or more, as a list. */
export const asList = (v: unknown): JunitNode[] =>
  (v === undefined ? [] : Array.isArray(v) ? v : [v]) as JunitNode[];

/** The <testsuite> elements, attributes by name (values as text), after checking every count. */
export function parseJunit(xml: string): JunitNode[] {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  }).parse(xml) as { testsuites: JunitNode & { testsuite: JunitNode[] } };
  const root = doc.testsuites;
  const total = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const suite of root.testsuite) {
    const cases = asList(suite.testcase);
    const has = (k: string) => cases.filter((c) => k in c).length;
    const counted = {
      tests: cases.length,
      failures: has('failure'),
      errors: has('error'),
      skipped: has('skipped'),
    };
    for (const k of Object.keys(counted) as (keyof typeof counted)[]) {
      expect(Number(suite[k]), `${suite.name} ${k}`).toBe(counted[k]);
      total[k] += counted[k];
    }
  }
  for (const k of Object.keys(total) as (keyof typeof total)[]) expect(Number(root[k]), k).toBe(total[k]);
  return root.testsuite;
}

/** A suite's <property> elements as a record. */
export function junitProperties(suite: JunitNode | undefined): Record<string, unknown> {
  const props = (suite?.properties ?? {}) as JunitNode;
  return Object.fromEntries(asList(props.property).map((p) => [p.name, p.value]));
}
