// The report files a run asked for, written once it ends.

import { writeFile } from 'node:fs/promises';
import type { RunSummary } from '../results.ts';
import { toJsonReport } from './json.ts';
import { toJunitXml } from './junit.ts';
import { toMarkdownMatrix } from './markdown.ts';

export interface ReportFiles {
  junit?: string;
  json?: string;
  markdown?: string;
}

export async function writeReportFiles(summary: RunSummary, files: ReportFiles): Promise<void> {
  if (files.junit) await writeFile(files.junit, toJunitXml(summary));
  if (files.json) await writeFile(files.json, toJsonReport(summary));
  if (files.markdown) await writeFile(files.markdown, toMarkdownMatrix(summary));
}
