import * as z from 'zod';
import { builtOnce } from '../_lib/lazySchema.js';

/**
 * The optional `$schema` key every rule file (and the manifest) may start with, so that editors find its
 * JSON Schema in `schemas/` (`"$schema": "../../schemas/checklist-items.schema.json"`). The loader ignores it.
 */
export const editorSchemaShape = builtOnce(() => ({
  $schema: z
    .string()
    .describe('The JSON Schema of this file, for editors; ignored by the loader.')
    .optional(),
}));

/**
 * The schema of a rule-data file: `{ kind, description?, rows }` with the given row schema, refusing
 * unknown keys and duplicate row ids (so every answer's `ruleIds` names one row). `check` adds the
 * file-level checks a domain needs.
 */
export function tableFileSchema<Kind extends string, Row extends z.ZodType<{ id: string }>>(
  kind: Kind,
  row: Row,
  check?: (rows: z.output<Row>[], ctx: z.RefinementCtx) => void,
) {
  return z
    .object({
      ...editorSchemaShape(),
      kind: z.literal(kind),
      description: z.string().optional(),
      rows: z.array(row),
    })
    .strict()
    .superRefine((file, ctx) => {
      const rows = file.rows as z.output<Row>[];
      const ids = new Set<string>();
      rows.forEach((item, index) => {
        if (ids.has(item.id))
          ctx.addIssue({ code: 'custom', path: ['rows', index, 'id'], message: `duplicate id ${item.id}` });
        ids.add(item.id);
      });
      check?.(rows, ctx);
    });
}
