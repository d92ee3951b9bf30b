// Packaging test: the .vsix built by `npm run package` has what VS Code runs, and nothing it does not.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const REPO = path.resolve(ROOT, "..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const VSIX = path.join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
const MAX_BYTES = 15 * 1024 * 1024;

interface Entry { name: string; method: number; compressedSize: number; size: number; localOffset: number }

/** Central directory of a zip (no zip64: a .vsix this small never needs it). */
function readZip(buf: Buffer): Map<string, Entry> {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  assert.ok(eocd >= 0, "not a zip file");
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = new Map<string, Entry>();
  for (let i = 0; i < count; i++) {
    assert.strictEqual(buf.readUInt32LE(at), 0x02014b50, "bad central directory");
    const nameLength = buf.readUInt16LE(at + 28), extra = buf.readUInt16LE(at + 30), comment = buf.readUInt16LE(at + 32);
    const name = buf.toString("utf8", at + 46, at + 46 + nameLength);
    entries.set(name, { name, method: buf.readUInt16LE(at + 10), compressedSize: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24), localOffset: buf.readUInt32LE(at + 42) });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

function contents(buf: Buffer, entry: Entry): Buffer {
  const at = entry.localOffset;
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  return entry.method === 0 ? Buffer.from(data) : zlib.inflateRawSync(data);
}

describe(`packaging: ${path.basename(VSIX)}`, function () {
  this.timeout(120000);
  let buf: Buffer;
  let entries: Map<string, Entry>;
  let names: string[];

  before(() => {
    assert.ok(fs.existsSync(VSIX), `${VSIX} is missing: run \`npm run package\` first`);
    buf = fs.readFileSync(VSIX);
    entries = readZip(buf);
    names = [...entries.keys()];
  });

  it(`is smaller than ${MAX_BYTES / 1024 / 1024} MB`, () => {
    const size = fs.statSync(VSIX).size;
    console.log(`      ${path.basename(VSIX)}: ${(size / 1024 / 1024).toFixed(2)} MB, ${names.length} files`);
    assert.ok(size < MAX_BYTES, `${size} bytes`);
  });

  it("holds the bundled extension and the vendored server", () => {
    for (const name of [
      "extension.vsixmanifest", "[Content_Types].xml", "extension/package.json", "extension/readme.md", "extension/changelog.md",
      "extension/LICENSE.txt", "extension/images/icon.png", "extension/dist/extension.js",
      "extension/bundled/libs/sqlascope/__init__.py", "extension/bundled/libs/sqlascope/__main__.py",
      "extension/bundled/libs/sqlascope/lsp/server.py", "extension/bundled/libs/pygls/__init__.py",
      "extension/bundled/libs/lsprotocol/__init__.py", "extension/bundled/libs/jedi/__init__.py",
      "extension/bundled/libs/parso/__init__.py", "extension/bundled/libs/cattrs/__init__.py",
      "extension/bundled/libs/attrs/__init__.py", "extension/bundled/libs/typing_extensions.py",
    ]) {
      assert.ok(entries.has(name), `${name} missing`);
    }
  });

  it("leaves out sources, tests, node_modules, caches and compiled code", () => {
    const bad = names.filter((n) =>
      /^extension\/(src|test|out|node_modules|scripts|e2e)\//.test(n) ||
      /\.(ts|map|vsix|pyc|so|pyd|dylib)$/.test(n.replace(/\.d\.ts$/, "")) && !n.endsWith(".pyi") ||
      n.includes("__pycache__") || /(^|\/)\.env$/.test(n) || n.endsWith("tsconfig.json") || n.endsWith("package-lock.json"));
    assert.deepStrictEqual(bad, []);
  });

  it("its readme shows the screenshots from the repository (absolute links to files that exist), not from the .vsix", () => {
    const readme = contents(buf, entries.get("extension/readme.md")!).toString("utf8");
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length >= 2, `images: ${images}`);
    const base = "https://github.com/sqlascope/sqlascope/raw/HEAD/client-vscode/";
    for (const link of images) {
      assert.ok(link.startsWith(base), link);
      assert.ok(fs.existsSync(path.join(ROOT, link.slice(base.length))), `${link}: no such file in client-vscode/`);
    }
    assert.deepStrictEqual(names.filter((n) => n.startsWith("extension/images/")), ["extension/images/icon.png"]);
  });

  it("has a manifest VS Code accepts", () => {
    const manifest = JSON.parse(contents(buf, entries.get("extension/package.json")!).toString("utf8"));
    assert.strictEqual(manifest.main, "./dist/extension.js");
    assert.strictEqual(manifest.engines.vscode, pkg.engines.vscode);
    const xml = contents(buf, entries.get("extension.vsixmanifest")!).toString("utf8");
    assert.match(xml, /Id="sqlascope"/);
    assert.match(xml, /Publisher="sqlascope"/);
    assert.match(xml, /Microsoft\.VisualStudio\.Code\.Engine" Value="\^1\.82\.0"/);
  });

  it("dist/extension.js needs only vscode and Node built-ins", () => {
    const js = contents(buf, entries.get("extension/dist/extension.js")!).toString("utf8");
    const required = new Set([...js.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]));
    const builtins = new Set(require("module").builtinModules as string[]);
    const foreign = [...required].filter((r) => r !== "vscode" && !builtins.has(r.replace(/^node:/, "")));
    assert.deepStrictEqual(foreign, []);
    assert.match(js, /sqlascope/);
  });

  it("its bundled server runs on a plain interpreter", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sqlascope-vsix-"));
    try {
      for (const entry of entries.values()) {
        if (!entry.name.startsWith("extension/bundled/") || entry.name.endsWith("/")) continue;
        const out = path.join(dir, entry.name);
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.writeFileSync(out, contents(buf, entry));
      }
      const python = process.env.SQLASCOPE_TEST_BUNDLED_PYTHON || "python3";
      const env = { ...process.env, PYTHONPATH: path.join(dir, "extension", "bundled", "libs"), PYTHONDONTWRITEBYTECODE: "1" };
      const run = spawnSync(python, ["-m", "sqlascope", "check", "--format", "json", path.join(REPO, "examples", "shop", "services.py")],
        { env, encoding: "utf8" });
      assert.strictEqual(run.status, 1, `exit ${run.status}: ${run.stderr}`);
      const { findings } = JSON.parse(run.stdout);
      assert.ok(findings.length >= 5, run.stdout);
      // the rule pages ship with the bundled server: each finding links to one that exists
      assert.ok(findings.every((f: { url: string }) => fs.existsSync(new URL(f.url))), run.stdout);
      const probe = spawnSync(python, ["-c", "import sqlascope.lsp.server, pygls, sqlascope; print(sqlascope.__file__)"], { env, encoding: "utf8" });
      assert.strictEqual(probe.status, 0, probe.stderr);
      assert.ok(probe.stdout.trim().startsWith(dir), probe.stdout);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
