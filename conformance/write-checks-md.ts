// `npm run checks-md`: rewrites CHECKS.md from the catalogue.

import { writeFileSync } from 'node:fs';
import { CATALOGUE } from './checks/index.ts';
import { checksMarkdown } from './checks-markdown.ts';

writeFileSync(new URL('../CHECKS.md', import.meta.url), checksMarkdown(CATALOGUE));
