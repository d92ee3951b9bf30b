// Pure: parse `sqlascope check --format json` output into per-file findings (0-based positions).
import * as path from "path";
import { SeverityName, severityFor } from "./settings";

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

export interface Finding {
  file: string;
  range: Range;
  code: string;
  severity: SeverityName;
  message: string;
  related: { file: string; range: Range; message: string }[];
}

function int(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? Math.trunc(value) : fallback;
}

function point(line: unknown, column: unknown): Position {
  return { line: Math.max(0, int(line, 1) - 1), character: Math.max(0, int(column, 1) - 1) };
}

/** The findings of the output: the `findings` of the report document (sqlascope ≥ 0.1's one JSON document with
 * findings, skipped files, notes and a summary), or the bare list older versions printed. */
function findingRows(output: unknown): unknown[] {
  if (Array.isArray(output)) return output;
  if (output !== null && typeof output === "object" && Array.isArray((output as Record<string, unknown>).findings)) {
    return (output as Record<string, unknown>).findings as unknown[];
  }
  throw new Error("sqlascope check: expected a report document with `findings`, or a JSON list");
}

/** Findings grouped by absolute file path. Paths in the output are relative to `cwd` (or absolute). */
export function parseCheckOutput(stdout: string, cwd: string, severity: Record<string, SeverityName> = {}):
    Map<string, Finding[]> {
  const rows = findingRows(JSON.parse(stdout));
  const out = new Map<string, Finding[]>();
  for (const row of rows as Record<string, unknown>[]) {
    if (row === null || typeof row !== "object" || typeof row.path !== "string" || typeof row.code !== "string") continue;
    const file = path.resolve(cwd, row.path);
    const start = point(row.line, row.column);
    const end = point(row.end_line ?? row.line, row.end_column ?? row.column);
    const level = typeof row.severity === "string" && ["error", "warning", "information", "hint"].includes(row.severity)
      ? (row.severity as SeverityName) : "warning";
    const related = Array.isArray(row.related) ? (row.related as Record<string, unknown>[]) : [];
    const finding: Finding = {
      file,
      range: { start, end },
      code: row.code,
      severity: severityFor(row.code, severity, level),
      message: typeof row.message === "string" ? row.message : row.code,
      related: related.filter((r) => r && typeof r.path === "string").map((r) => {
        const at = point(r.line, r.column);
        return { file: path.resolve(cwd, r.path as string), range: { start: at, end: at }, message: String(r.message ?? "") };
      }),
    };
    const list = out.get(file) ?? [];
    list.push(finding);
    out.set(file, list);
  }
  return out;
}
