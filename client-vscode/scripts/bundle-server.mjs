// Vendors the sqlascope server and its pure-Python dependencies into bundled/libs (used by importStrategy
// "useBundled": the extension runs `<interpreter> -m sqlascope serve` with PYTHONPATH=<extension>/bundled/libs).
// Python: $SQLASCOPE_BUNDLE_PYTHON, else python3. Needs pip and PyPI.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { fileURLToPath } from "url";

const here = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const repo = path.resolve(here, "..");
const target = path.join(here, "bundled", "libs");
const python = process.env.SQLASCOPE_BUNDLE_PYTHON || "python3";

function pip(args) {
  const full = ["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--quiet", "--no-compile",
    "--no-deps", "--upgrade", "--target", target, ...args];
  console.log(`$ ${python} ${full.join(" ")}`);
  execFileSync(python, full, { stdio: "inherit" });
}

fs.rmSync(path.join(here, "bundled"), { recursive: true, force: true });
fs.mkdirSync(target, { recursive: true });
// Wheels only, chosen for the oldest supported Python, so the bundle runs on every interpreter sqlascope supports.
pip(["--only-binary=:all:", "--python-version", "3.10", "--implementation", "py", "--platform", "any",
  "-r", path.join(here, "bundled-requirements.txt")]);
pip([repo]);

// Drop what the extension never runs: console scripts, caches.
fs.rmSync(path.join(target, "bin"), { recursive: true, force: true });
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === "__pycache__") fs.rmSync(p, { recursive: true, force: true });
      else walk(p);
    } else if (/\.(so|pyd|dylib)$/.test(entry.name)) {
      throw new Error(`compiled file in the bundle: ${p}`);
    }
  }
};
walk(target);
if (!fs.existsSync(path.join(target, "sqlascope", "__init__.py"))) throw new Error("sqlascope is missing from bundled/libs");
const size = execFileSync("du", ["-sh", target]).toString().split("\t")[0];
console.log(`bundled/libs: ${fs.readdirSync(target).filter((n) => !n.endsWith(".dist-info")).sort().join(", ")} (${size})`);
