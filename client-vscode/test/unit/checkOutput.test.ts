import * as assert from "assert";
import { parseCheckOutput } from "../../src/checkOutput";

const SAMPLE = JSON.stringify([
  { path: "examples/shop/services.py", line: 19, column: 16, end_line: 19, end_column: 27, code: "SQS102", severity: "error",
    message: "lazy", related: [{ path: "examples/shop/services.py", line: 18, column: 16, message: "`user` loaded here" }] },
  { path: "/abs/other.py", line: 1, column: 1, end_line: 1, end_column: 5, code: "SQS107", severity: "warning", message: "begin", related: [] },
  { nonsense: true },
]);

describe("parseCheckOutput", () => {
  it("groups findings by absolute path with 0-based positions", () => {
    const out = parseCheckOutput(SAMPLE, "/ws");
    assert.deepStrictEqual([...out.keys()], ["/ws/examples/shop/services.py", "/abs/other.py"]);
    const [f] = out.get("/ws/examples/shop/services.py")!;
    assert.deepStrictEqual(f.range, { start: { line: 18, character: 15 }, end: { line: 18, character: 26 } });
    assert.strictEqual(f.code, "SQS102");
    assert.strictEqual(f.severity, "error");
    assert.deepStrictEqual(f.related[0].range.start, { line: 17, character: 15 });
  });
  it("applies sqlascope.severity overrides", () => {
    const out = parseCheckOutput(SAMPLE, "/ws", { SQS107: "hint" });
    assert.strictEqual(out.get("/abs/other.py")![0].severity, "hint");
  });
  it("reads the findings of the report document", () => {
    const document = JSON.stringify({ version: 1, findings: JSON.parse(SAMPLE), skipped: [], notes: [], summary: {} });
    assert.deepStrictEqual(parseCheckOutput(document, "/ws"), parseCheckOutput(SAMPLE, "/ws"));
  });
  it("rejects output that is neither a report document nor a JSON list", () => {
    assert.throws(() => parseCheckOutput("{}", "/ws"));
    assert.throws(() => parseCheckOutput("not json", "/ws"));
  });
});
