import { z } from 'zod';
import { migrateV1, type LegacyPaths } from './migrate';
import { CapacityShape, CapacitySchema, PLAN_FORMAT, PLAN_FORMAT_V1, PlanSchema, PlanShape, PlanV1Schema, type Plan } from './schema';

/** One problem with the input, located by its path in the plan (`lines[0].capacity.2026`). */
export interface InputError {
  path: string;
  message: string;
}

/** A parsed plan, always in the current format; `legacy` when it was read from a v1 file (its paths, its declarations). */
export type ParseResult = { ok: true; plan: Plan; legacy?: LegacyPaths } | { ok: false; errors: InputError[] };

/** `lines[0].capacity.2026`: array indexes in brackets, keys dotted, as users read them. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out || '(plan)';
}

/** zod's own wording ("Invalid input: expected string, received undefined") in the plan's ("expected string, got nothing"). */
function plainMessage(message: string): string {
  const m = /^Invalid input: expected (.+), received (\w+)$/.exec(message);
  return m ? `expected ${m[1]}, got ${m[2] === 'undefined' ? 'nothing' : m[2]}` : message;
}

export function zodErrors(error: z.ZodError): InputError[] {
  return error.issues.flatMap((iss) => {
    if (iss.code === 'unrecognized_keys') return iss.keys.map((k) => ({ path: formatPath([...iss.path, k]), message: 'unknown field' }));
    // A bad record key ("2020" in capacity): zod says only "Invalid key in record"; the key schema says why.
    if (iss.code === 'invalid_key' && iss.issues.length > 0) return iss.issues.map((inner) => ({ path: formatPath(iss.path), message: inner.message }));
    return [{ path: formatPath(iss.path), message: plainMessage(iss.message) }];
  });
}

/** Validate and normalise a plan already parsed from JSON: `supply-plan/2`, or `supply-plan/1` migrated to it. */
export function parsePlan(data: unknown): ParseResult {
  // A v1 file, or one shaped like v1 (its one `activity`) whose format tag is wrong: read and worded as v1.
  const d = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : null;
  if (d && (d.format === PLAN_FORMAT_V1 || (d.format !== PLAN_FORMAT && 'activity' in d && !('activities' in d)))) {
    const v1 = PlanV1Schema.safeParse(data);
    if (!v1.success) return { ok: false, errors: zodErrors(v1.error) };
    return { ok: true, ...migrateV1(v1.data) };
  }
  const r = PlanSchema.safeParse(data);
  if (r.success) return { ok: true, plan: r.data };
  const errors = zodErrors(r.error);
  // A v1 body under the v2 tag (the tag bumped by hand): name the tag first, it is the one change that fixes it.
  if (d && 'activity' in d && !('activities' in d)) {
    errors.unshift({ path: 'format', message: `the plan is in the shape of "${PLAN_FORMAT_V1}" (one "activity", not "activities"): set format to "${PLAN_FORMAT_V1}", or write it as "${PLAN_FORMAT}"` });
  }
  return { ok: false, errors };
}

/** Parse plan file text: JSON syntax errors become an input error too, never an exception. */
export function parsePlanText(text: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, errors: [{ path: '(file)', message: `not JSON: ${(e as Error).message}` }] };
  }
  return parsePlan(data);
}

/** The JSON Schema of the plan format, generated from the zod schema. */
export function planJsonSchema(): object {
  return {
    ...z.toJSONSchema(PlanShape, {
      io: 'input',
      unrepresentable: 'any',
      // capacity is checked by hand for speed; publish the shape it checks.
      override: (ctx) => {
        if (ctx.zodSchema === CapacitySchema) Object.assign(ctx.jsonSchema, z.toJSONSchema(CapacityShape, { io: 'input', unrepresentable: 'any' }), { $schema: undefined });
      },
    }),
    $id: 'https://supply-plan.example/schema/supply-plan-2.json',
    title: `Supply Plan Checker plan file (${PLAN_FORMAT}; ${PLAN_FORMAT_V1} files are still read)`,
  };
}
