/**
 * Imported first by the pane's entry, before any schema is built: the pane's Content-Security-Policy has no
 * 'unsafe-eval' (webpack.config.js), and zod decides when a schema is built whether to compile it with
 * `new Function` — probing for it first, which the policy refuses and reports as a violation. Interpreted parsing
 * is all the pane needs.
 */
import { z } from 'zod';

z.config({ jitless: true });
