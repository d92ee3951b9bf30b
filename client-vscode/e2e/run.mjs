#!/usr/bin/env node
// End-to-end test in a real VS Code: the built .vsix installed into code-server (VS Code 1.100 in the browser),
// driven through its UI by headless Chromium (playwright-core). See e2e/README.md.
//
//   node e2e/run.mjs [--vsix sqlascope-<version>.vsix]
//
// Needs e2e/install.sh first (code-server + playwright-core in $SQLASCOPE_E2E_HOME, Chromium). The server runs on
// $SQLASCOPE_TEST_PYTHON (else python3) with the bundled libs. Screenshots, the server's output channel and
// code-server's logs go to e2e/artifacts/. Ends with "e2e: N passed, N failed"; exit status 1 when a test failed.
// SQLASCOPE_E2E_KEEP=1 keeps the temporary folder; SQLASCOPE_E2E_DEBUG=1 traces the LSP traffic into the output
// channel log; SQLASCOPE_E2E_UPDATE_IMAGES=1 copies the README screenshots into images/ after a green run.
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import { createRequire } from "module";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { fileURLToPath } from "url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);
const REPO = path.dirname(ROOT);
const ARTIFACTS = path.join(HERE, "artifacts");
const E2E_HOME = process.env.SQLASCOPE_E2E_HOME || path.join(process.env.TMPDIR || "/tmp", "sqlascope-e2e");
const PYTHON = process.env.SQLASCOPE_TEST_PYTHON || "python3";
const TOTAL_TIMEOUT_MS = 10 * 60 * 1000;
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;

// -- the file the test edits and what it expects of it (examples/shop/services.py, a documented BUG line) ---------------
const FILE = "shop/services.py";
const BUG = { line: 19, column: 16, code: "SQS102" };  // `return len(user.orders)` after the with block
const FIX_TITLE = /^Load `orders` eagerly: `selectinload\(User\.orders\)`/;
const FIXED_LINE = { line: 18, before: "        user = s.get(User, user_id)",
  after: "        user = s.get(User, user_id, options=[selectinload(User.orders)])" };

// -- a tiny harness --------------------------------------------------------------------------------------------------------
const tests = [];
const test = (name, fn) => tests.push({ name, fn });
const started = Date.now();
const elapsed = (t) => `${((Date.now() - t) / 1000).toFixed(1)} s`;
const say = (m) => console.log(`e2e: ${m}`);

function arg(name) {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function which(cmd) {
  for (const dir of (process.env.PATH || "").split(path.delimiter)) {
    const p = path.join(dir, cmd);
    try { fs.accessSync(p, fs.constants.X_OK); return p; } catch { /* next */ }
  }
  return undefined;
}

/** Returned by a waitFor condition that does not hold yet: `detail` goes into the timeout message. */
class Pending {
  constructor(detail) { this.detail = detail; }
}
const pending = (detail) => new Pending(detail);

/** Poll `fn` until it returns a truthy value other than a Pending; throw after `timeout` ms. */
async function waitFor(what, fn, timeout = 30000, interval = 250) {
  const until = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last && !(last instanceof Pending)) return last;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last instanceof Pending ? last.detail : last);
      throw new Error(`timed out after ${timeout / 1000} s waiting for ${what} (last: ${detail})`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

function copyDir(from, to) {
  fs.cpSync(from, to, { recursive: true, filter: (src) => !/(__pycache__|\.pyc$)/.test(src) });
}

function findFiles(dir, test) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findFiles(p, test));
    else if (test(p)) out.push(p);
  }
  return out;
}

// -- environment -------------------------------------------------------------------------------------------------------------
const problems = [];
const vsix = path.resolve(arg("--vsix") || fs.readdirSync(ROOT).filter((f) => f.endsWith(".vsix")).map((f) => path.join(ROOT, f))[0] || "");
if (!vsix || !fs.existsSync(vsix)) problems.push(`no .vsix (run \`npm run package\` or pass --vsix): ${vsix}`);
const codeServer = path.join(E2E_HOME, "node_modules", ".bin", "code-server");
if (!fs.existsSync(codeServer)) problems.push(`code-server is not installed in ${E2E_HOME} (run e2e/install.sh)`);
const chromiumPath = process.env.SQLASCOPE_CHROMIUM || which("chromium") || which("chromium-browser") || which("google-chrome");
if (!chromiumPath) problems.push("no chromium (run e2e/install.sh, or set SQLASCOPE_CHROMIUM)");

fs.rmSync(ARTIFACTS, { recursive: true, force: true });
fs.mkdirSync(ARTIFACTS, { recursive: true });
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "sqlascope-e2e-run-"));
const D = path.join(TMP, "user-data");
const E = path.join(TMP, "extensions");
const WS = path.join(TMP, "examples");
const SETTINGS = path.join(D, "User", "settings.json");
const BASE_SETTINGS = {
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "extensions.ignoreRecommendations": true,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "chat.disableAIFeatures": true,
  // No Python extension in code-server: the "setting, then python3" branch, with the bundled server.
  "sqlascope.interpreter": [PYTHON],
  ...(process.env.SQLASCOPE_E2E_DEBUG === "1" ? { "sqlascope.trace.server": "verbose", "sqlascope.logLevel": "debug" } : {}),
};

let server;  // code-server child process (own process group)
let browser;
let page;

function writeSettings(extra = {}) {
  fs.mkdirSync(path.dirname(SETTINGS), { recursive: true });
  fs.writeFileSync(SETTINGS, JSON.stringify({ ...BASE_SETTINGS, ...extra }, null, 2));
}

/** Replace the text of the focused settings.json editor and save it; wait for the file on disk. */
async function editSettings(extra) {
  const text = JSON.stringify({ ...BASE_SETTINGS, ...extra });
  await page.locator(".part.editor .monaco-editor .view-lines").first().click();
  // Paste it (typing would auto-close brackets and quotes).
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Control+V");
  await page.keyboard.press("Control+S");
  await waitFor("settings.json saved", async () => {
    try {
      return JSON.stringify(JSON.parse(fs.readFileSync(SETTINGS, "utf8"))) === text;
    } catch (err) {
      return pending(err.message);
    }
  }, 15000);
}

function killServer(signal = "SIGTERM") {
  if (server && server.exitCode === null && server.signalCode === null) {
    try { process.kill(-server.pid, signal); } catch { /* gone */ }
  }
}
process.on("exit", () => killServer("SIGKILL"));
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => { killServer("SIGKILL"); process.exit(130); });

// -- what the engine in the .vsix reports (the same code the extension runs), for exact expectations ----------------------
function bundledLibs() {
  const dir = fs.readdirSync(E).find((d) => d.toLowerCase().startsWith(`${EXTENSION_ID}-`));
  if (!dir) throw new Error(`the extension is not installed in ${E}`);
  return path.join(E, dir, "bundled", "libs");
}

function check(...args) {
  let stdout;
  try {
    stdout = execFileSync(PYTHON, ["-m", "sqlascope", "check", "--format", "json", ...args], {
      cwd: WS, env: { ...process.env, PYTHONPATH: bundledLibs() }, encoding: "utf8", timeout: 120000,
      maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    if (err.status !== 1 || !err.stdout) throw err;  // 1: findings
    stdout = err.stdout;
  }
  const rows = JSON.parse(stdout).findings;  // the --format json document: { findings, skipped, notes, summary }
  return {
    rows,
    errors: rows.filter((r) => r.severity === "error").length,
    warnings: rows.filter((r) => r.severity === "warning").length,
  };
}

// -- UI helpers ---------------------------------------------------------------------------------------------------------
async function shot(name) {
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

async function statusProblems() {
  const label = await page.getAttribute('[id="status.problems"]', "aria-label", { timeout: 5000 });
  if (!label) return undefined;
  if (/no problems/i.test(label)) return { errors: 0, warnings: 0, label };
  const errors = /Errors: (\d+)/.exec(label);
  const warnings = /Warnings: (\d+)/.exec(label);
  return { errors: errors ? +errors[1] : 0, warnings: warnings ? +warnings[1] : 0, label };
}

async function waitForCounts(expected, what, timeout = 60000) {
  return waitFor(`${what}: status bar "Errors: ${expected.errors}, Warnings: ${expected.warnings}"`, async () => {
    const now = await statusProblems();
    return now && now.errors === expected.errors && now.warnings === expected.warnings ? now : pending(now?.label);
  }, timeout);
}

async function statusItem() {
  const item = page.locator(`[id="${EXTENSION_ID}.sqlascope.status"]`);
  if (await item.count() === 0) return undefined;
  return { text: await item.innerText(), label: await item.getAttribute("aria-label") };
}

/** Line numbers (1-based) of the visible squiggles of `kind` in the text editor. */
async function squiggleLines(kind = "error") {
  return page.evaluate((cls) => {
    const editor = document.querySelector(".part.editor .monaco-editor");
    if (!editor) return [];
    const numbers = new Map();
    for (const div of editor.querySelectorAll(".margin-view-overlays > div")) {
      const n = div.querySelector(".line-numbers");
      if (n) numbers.set(div.style.top, +n.textContent.trim());
    }
    return [...editor.querySelectorAll(`.view-overlays .${cls}`)].map((s) => numbers.get(s.parentElement.style.top))
      .filter((n) => n !== undefined);
  }, `squiggly-${kind}`);
}

async function quickInput(prefixKey, text) {
  await page.keyboard.press(prefixKey);
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: 10000 });
  await page.keyboard.type(text, { delay: 10 });
  return input;
}

async function runCommand(title) {
  await quickInput("F1", title);
  const row = page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first();
  await row.waitFor({ state: "visible", timeout: 10000 });
  await page.keyboard.press("Enter");
  await page.locator(".quick-input-widget").waitFor({ state: "hidden", timeout: 10000 });
}

async function openFile(relative) {
  await quickInput("Control+P", relative);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: path.basename(relative) }).first()
    .waitFor({ state: "visible", timeout: 20000 });
  await page.keyboard.press("Enter");
  await page.locator(`.tab[aria-label^="${path.basename(relative)}"]`).first().waitFor({ timeout: 20000 });
  await page.locator(".part.editor .monaco-editor .view-lines").first().waitFor({ timeout: 20000 });
}

async function goTo(line, column) {
  await page.locator(".part.editor .monaco-editor .view-lines").first().click({ position: { x: 5, y: 5 } });
  await quickInput("Control+G", `${line}:${column}`);
  await page.keyboard.press("Enter");
  await waitFor(`the cursor at Ln ${line}, Col ${column}`, async () =>
    (await page.getAttribute('[id="status.editor.selection"]', "aria-label"))?.startsWith(`Ln ${line}, Col ${column}`), 10000);
}

/** Monaco renders spaces as U+00A0. */
const plain = (text) => text.replace(/\u00a0/g, " ");

/** The visible lines of the text editor. */
async function editorText() {
  return plain((await page.locator(".part.editor .monaco-editor .view-lines").first().innerText()));
}

async function problemsRows() {
  return page.$$eval(".markers-panel .monaco-list-row", (els) => els.map((e) => e.innerText.replace(/\s*\n\s*/g, " | ")));
}

/** Open the Problems panel unless it is showing (Ctrl+Shift+M toggles it). */
async function showProblems() {
  const panel = page.locator(".markers-panel");
  if (await panel.count() && await panel.first().isVisible()) return;
  await page.keyboard.press("Control+Shift+M");
  await panel.first().waitFor({ state: "visible", timeout: 10000 });
}

/** "N problems in file X of folder Y" rows of the Problems panel, collapsed, as { "Y/X": N }. */
async function problemsPerFile() {
  await showProblems();
  const collapse = page.locator('.part.panel .action-label[aria-label^="Collapse All"]');
  if (await collapse.count()) await collapse.first().click().catch(() => undefined);
  const labels = await page.$$eval(".markers-panel .monaco-list-row", (els) => els.map((e) => e.getAttribute("aria-label") || ""));
  const out = {};
  for (const label of labels) {
    const m = /^(\d+) problems? in file (\S+) of folder (\S+)/.exec(label);
    if (m) out[`${m[3]}/${m[2]}`] = +m[1];
  }
  return out;
}

/** Where the Problems panel and the engine disagree, per file (for a failure message). */
async function compareFiles(expected) {
  const want = {};
  for (const r of expected.rows) want[r.path] = (want[r.path] || 0) + 1;
  const got = await problemsPerFile();
  const lines = [];
  for (const file of new Set([...Object.keys(want), ...Object.keys(got)])) {
    if (want[file] !== got[file]) lines.push(`${file}: engine ${want[file] ?? 0}, Problems panel ${got[file] ?? 0}`);
  }
  return lines.length ? `per file: ${lines.join("; ")}` : "the Problems panel agrees with the engine per file";
}

function outputChannelLog() {
  const files = findFiles(path.join(D, "logs"), (p) => /output_logging_[^/]*\/\d+-sqlascope\.log$/.test(p));
  return files.map((f) => fs.readFileSync(f, "utf8")).join("\n");
}

const starts = () => (outputChannelLog().match(/\] starting: /g) || []).length;

// -- the tests -------------------------------------------------------------------------------------------------------------
let before;  // check() of services.py before the fix
let after;   // ... and after it
let original;

test("status bar: the extension starts its bundled server and turns ready", async () => {
  await openFile(FILE);  // activation event: onLanguage:python
  const status = await waitFor("the sqlascope status bar item to say ready", async () => {
    const s = await statusItem();
    return s && /sqlascope: ready/.test(s.label ?? "") ? s : pending(s?.label);
  }, 90000);
  if (!/\(useBundled\)/.test(status.label) || !status.label.includes(PYTHON)) {
    throw new Error(`tooltip does not name the bundled strategy and ${PYTHON}: ${status.label}`);
  }
  const log = await waitFor("the `starting:` line in the output channel log", async () => outputChannelLog().includes("server ready") && outputChannelLog());
  if (!log.includes(`starting: ${PYTHON} -m sqlascope serve (strategy useBundled, interpreter from setting)`)) {
    throw new Error(`unexpected output channel: ${log}`);
  }
});

test(`problems: status-bar counts, the Problems panel and the squiggle on ${FILE}:${BUG.line} (${BUG.code})`, async () => {
  before = check(FILE);
  const bug = before.rows.find((r) => r.line === BUG.line && r.code === BUG.code);
  if (!bug) throw new Error(`the engine does not report ${BUG.code} at ${FILE}:${BUG.line}: ${JSON.stringify(before.rows)}`);
  if (before.errors + before.warnings < 2) throw new Error("expected several problems in the example");
  await waitForCounts(before, "the server's diagnostics for the open file", 90000);
  await waitFor(`an error squiggle on line ${BUG.line}`, async () => {
    const lines = await squiggleLines();
    return lines.includes(BUG.line) || pending(lines);
  });
  await showProblems();
  const want = `[Ln ${BUG.line}, Col ${bug.column}]`;
  await waitFor(`the Problems panel row ${BUG.code} ${want}`, async () => {
    const rows = await problemsRows();
    return rows.some((r) => r.includes(BUG.code) && r.includes("sqlascope") && r.includes(want)) || pending(rows.slice(0, 3));
  }, 20000);
  // Hover over the squiggle: VS Code shows the message with its code and related locations.
  const squiggle = await waitFor("the squiggle element", async () => {
    const handles = await page.$$(".part.editor .monaco-editor .view-overlays .squiggly-error");
    for (const h of handles) {
      const box = await h.boundingBox();
      const lines = await squiggleLines();
      if (box && lines.includes(BUG.line)) return { box, lines };
    }
    return false;
  });
  // The first error squiggle on screen is the one on BUG.line (the lines above have none).
  const box = (await page.locator(".part.editor .monaco-editor .view-overlays .squiggly-error").first().boundingBox()) ?? squiggle.box;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await waitFor("the hover with the diagnostic", async () => {
    const text = await page.locator(".monaco-hover:not(.hidden)").allInnerTexts();
    return text.some((t) => t.includes(BUG.code) && t.includes("detached")) || pending(text);
  }, 15000);
  await shot("diagnostic");
  await page.mouse.move(5, 300);
  await page.keyboard.press("Escape");
});

test("quick fix: Ctrl+. lists sqlascope's fix and applying it rewrites the query", async () => {
  original = fs.readFileSync(path.join(WS, FILE), "utf8");
  let menu;
  for (let attempt = 1; attempt <= 2 && !menu; attempt++) {
    await goTo(BUG.line, BUG.column + 1);
    await page.keyboard.press("Control+.");
    try {
      menu = await waitFor("the Quick Fix menu", async () => {
        const rows = await page.$$eval(".action-widget .monaco-list-row.action", (els) => els.map((e) => e.getAttribute("aria-label") || e.innerText));
        return rows.some((r) => FIX_TITLE.test(r)) ? rows : pending(rows);
      }, 15000);
    } catch (err) {
      say(`quick fix menu attempt ${attempt}: ${err.message}`);
      await shot(`quick-fix-attempt-${attempt}`);
      await page.keyboard.press("Escape");
    }
  }
  if (!menu) throw new Error("Ctrl+. showed no Quick Fix menu with sqlascope's fix (tried twice)");
  if (!menu.some((r) => /^Suppress SQS102 on this line/.test(r))) throw new Error(`no suppression fix in ${JSON.stringify(menu)}`);
  await shot("quick-fix");
  // Apply it with the keyboard, as a user would (a click can land on the menu's pointer-block overlay).
  await waitFor("sqlascope's fix focused in the menu", async () => {
    const focused = await page.getAttribute(".action-widget .monaco-list-row.action.focused", "aria-label", { timeout: 2000 });
    if (FIX_TITLE.test(focused ?? "")) return true;
    await page.keyboard.press("ArrowDown");
    return pending(focused);
  }, 10000, 300);
  await page.keyboard.press("Enter");
  await page.locator(".action-widget .monaco-list-row.action").first().waitFor({ state: "hidden", timeout: 10000 });
  const lines = original.split("\n");
  if (lines[FIXED_LINE.line - 1] !== FIXED_LINE.before) throw new Error(`unexpected line ${FIXED_LINE.line}: ${lines[FIXED_LINE.line - 1]}`);
  lines[FIXED_LINE.line - 1] = FIXED_LINE.after;
  const expected = lines.join("\n");
  // The edit lands in the editor (VS Code saves files changed by a code action: files.refactoring.autoSave); save
  // anyway and read the file on disk.
  await waitFor("the fix in the editor", async () => {
    const text = await editorText();
    return text.includes(FIXED_LINE.after.trim()) || pending(text.slice(0, 200));
  }, 10000);
  await page.keyboard.press("Control+S");
  await waitFor("the fixed file on disk", async () => fs.readFileSync(path.join(WS, FILE), "utf8") === expected, 15000)
    .catch((err) => {
      const now = fs.readFileSync(path.join(WS, FILE), "utf8").split("\n");
      const diff = now.map((l, i) => (l !== expected.split("\n")[i] ? `${i + 1}: ${l}` : "")).filter(Boolean).slice(0, 5);
      throw new Error(`${err.message}; differing lines: ${JSON.stringify(diff)}`);
    });
});

test(`after the fix the ${BUG.code} problem is gone (squiggle, Problems panel, counts)`, async () => {
  after = check(FILE);
  if (after.rows.some((r) => r.line === BUG.line && r.code === BUG.code)) throw new Error("the engine still reports the fixed line");
  await waitForCounts(after, "the re-analysed file", 30000);
  await waitFor(`no squiggle on line ${BUG.line}`, async () => {
    const lines = await squiggleLines();
    return !lines.includes(BUG.line) || pending(lines);
  }, 20000);
  await waitFor(`no ${BUG.code} row at line ${BUG.line} in the Problems panel`, async () => {
    const rows = await problemsRows();
    return !rows.some((r) => r.includes(BUG.code) && r.includes(`[Ln ${BUG.line}, Col`)) || pending(rows.slice(0, 3));
  }, 20000);
  await shot("fixed");
});

test("sqlascope: Show Logs shows the output channel with the server's command line", async () => {
  await runCommand("sqlascope: Show Logs");
  await waitFor("the sqlascope output channel in the panel", async () => {
    const text = (await page.locator(".part.panel .monaco-editor .view-lines").allInnerTexts()).map(plain);
    return text.some((t) => t.includes("strategy useBundled")) || pending(text);
  }, 20000);
  await shot("show-logs");
});

test("a settings change applies without a restart (sqlascope.ignore in the user settings.json editor)", async () => {
  const startsBefore = starts();
  const ignored = check("--ignore", "SQS101", FILE);
  if (ignored.errors + ignored.warnings === after.errors + after.warnings) throw new Error("the example has no SQS101 to ignore");
  // Through the settings.json editor: code-server does not notice the file being rewritten behind its back.
  await runCommand("Preferences: Open User Settings (JSON)");
  await page.locator('.tab[aria-label^="settings.json"]').first().waitFor({ timeout: 20000 });
  await editSettings({ "sqlascope.ignore": ["SQS101"] });
  await waitForCounts(ignored, "SQS101 ignored", 30000);
  await shot("settings-ignore");
  await editSettings({});
  await waitForCounts(after, "SQS101 back", 30000);
  await page.keyboard.press("Control+W");  // close settings.json
  if (starts() !== startsBefore) throw new Error("the server restarted for a setting it re-reads");
});

test("sqlascope: Restart Server starts a new server and the problems come back", async () => {
  const startsBefore = starts();
  await runCommand("sqlascope: Restart Server");
  await waitFor("a second `starting:` line", async () => starts() > startsBefore, 30000);
  await waitFor("the status bar item to say ready again", async () => /sqlascope: ready/.test((await statusItem())?.label ?? ""), 60000);
  await waitForCounts(after, "the new server's diagnostics", 60000);
});

test("sqlascope: Analyze Workspace reports the files that are not open", async () => {
  const all = check(".");
  const want = {};
  for (const r of all.rows) want[r.path] = (want[r.path] || 0) + 1;
  const other = Object.keys(want).filter((f) => f !== FILE && f.startsWith("shop/"));
  if (!want["shop/reports.py"] || other.length < 2) throw new Error(`the example has too few problems outside ${FILE}: ${JSON.stringify(want)}`);
  await runCommand("sqlascope: Analyze Workspace");
  if (process.env.SQLASCOPE_E2E_STRICT_WORKSPACE === "1") {
    await waitForCounts(all, "every file of the workspace", 60000).catch(async (err) => {
      throw new Error(`${err.message}\n${await compareFiles(all)}`);
    });
  } else {
    // The engine's check of the whole folder also reports findings located in one file but found from another
    // (a `__repr__` at its call site): the server's workspace pass may report fewer there (see e2e/README.md).
    // Wait for reports.py's exact count, then for the table to stop changing; never more than the engine reports.
    let last = "";
    let since = Date.now();
    const table = await waitFor("the workspace's problems (reports.py complete, then stable for 3 s)", async () => {
      const got = await problemsPerFile();
      const key = JSON.stringify(got);
      if (key !== last) { last = key; since = Date.now(); }
      return got["shop/reports.py"] === want["shop/reports.py"] && Date.now() - since >= 3000 ? got : pending(got);
    }, 60000, 500);
    const extra = Object.keys(table).filter((f) => !(table[f] <= (want[f] ?? 0)));
    if (extra.length) throw new Error(`more problems than the engine reports: ${extra.map((f) => `${f}: ${table[f]} > ${want[f] ?? 0}`)}`);
    const missing = Object.keys(want).filter((f) => (table[f] ?? 0) < want[f]);
    if (missing.length) {
      say(`note: the server's workspace pass reports fewer problems than \`sqlascope check .\` for ${missing.map((f) =>
        `${f} (${table[f] ?? 0} of ${want[f]})`).join(", ")}; SQLASCOPE_E2E_STRICT_WORKSPACE=1 makes that a failure`);
    }
    if (other.filter((f) => table[f] === want[f]).length < 2) throw new Error(`unopened files missing: ${JSON.stringify(table)}`);
  }
  await showProblems();
  await waitFor("a Problems panel row for reports.py", async () => (await problemsRows()).some((r) => r.startsWith("reports.py")), 20000);
  await shot("analyze-workspace");
});

// -- run ------------------------------------------------------------------------------------------------------------------
let passed = 0;
let failed = 0;

async function setup() {
  if (problems.length) throw new Error(problems.join("; "));
  copyDir(path.join(REPO, "examples"), WS);
  fs.mkdirSync(E, { recursive: true });
  writeSettings();
  const config = path.join(TMP, "code-server.yaml");
  fs.writeFileSync(config, "auth: none\ncert: false\n");
  const common = ["--config", config, "--user-data-dir", D, "--extensions-dir", E];
  let t = Date.now();
  execFileSync(codeServer, [...common, "--install-extension", vsix], { stdio: ["ignore", "pipe", "pipe"], timeout: 180000 });
  say(`installed ${path.basename(vsix)} into code-server (${elapsed(t)})`);
  const port = await freePort();
  const log = fs.openSync(path.join(ARTIFACTS, "code-server.log"), "w");
  t = Date.now();
  server = spawn(codeServer, [...common, "--auth", "none", "--bind-addr", `127.0.0.1:${port}`, "--disable-telemetry",
    "--disable-update-check", "--disable-workspace-trust", "--disable-getting-started-override", WS],
  { detached: true, stdio: ["ignore", log, log], env: { ...process.env, XDG_CONFIG_HOME: path.join(TMP, "xdg-config"),
    XDG_DATA_HOME: path.join(TMP, "xdg-data") } });
  say(`code-server pid ${server.pid} on port ${port}`);
  await waitFor("code-server to answer /healthz", async () => {
    if (server.exitCode !== null) throw new Error(`code-server exited with ${server.exitCode}`);
    const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
    return res?.ok;
  }, 60000);
  const { chromium } = createRequire(path.join(E2E_HOME, "package.json"))("playwright-core");
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, timeout: 60000, args: ["--no-sandbox",
    "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run"] });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 },
    permissions: ["clipboard-read", "clipboard-write"] });
  page = await context.newPage();
  page.setDefaultTimeout(30000);
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(WS)}`, { timeout: 60000 });
  await page.locator(".monaco-workbench").waitFor({ timeout: 60000 });
  await page.locator(".explorer-folders-view, .explorer-viewlet").first().waitFor({ timeout: 60000 }).catch(() => undefined);
  say(`workbench loaded (${elapsed(t)})`);
}

async function teardown() {
  try {
    const log = outputChannelLog();
    if (log) fs.writeFileSync(path.join(ARTIFACTS, "sqlascope-output.log"), log);
    if (fs.existsSync(path.join(D, "logs"))) fs.cpSync(path.join(D, "logs"), path.join(ARTIFACTS, "logs"), { recursive: true });
  } catch (err) {
    say(`could not copy the logs: ${err.message}`);
  }
  if (browser) await browser.close().catch(() => undefined);
  if (server) {
    killServer("SIGTERM");
    const exited = await waitFor("code-server to exit", async () => server.exitCode !== null || server.signalCode !== null, 10000)
      .catch(() => false);
    if (!exited) killServer("SIGKILL");
  }
  if (process.env.SQLASCOPE_E2E_KEEP === "1") say(`kept ${TMP}`);
  else fs.rmSync(TMP, { recursive: true, force: true });
}

async function main() {
  const watchdog = setTimeout(() => {
    console.error(`e2e: gave up after ${TOTAL_TIMEOUT_MS / 60000} minutes`);
    killServer("SIGKILL");
    console.log(`e2e: ${passed} passed, ${tests.length - passed} failed`);
    process.exit(1);
  }, TOTAL_TIMEOUT_MS);
  say(`vsix ${vsix}; code-server in ${E2E_HOME}; chromium ${chromiumPath}; interpreter ${PYTHON}`);
  let setupError;
  try {
    await setup();
  } catch (err) {
    setupError = err;
    console.error(`e2e: setup failed: ${err.stack || err}`);
    if (page) await shot("setup-failed").catch(() => undefined);
  }
  for (const [i, { name, fn }] of tests.entries()) {
    const t = Date.now();
    if (setupError) {
      failed++;
      console.log(`  ✗ ${name}: not run (setup failed)`);
      continue;
    }
    try {
      await fn();
      passed++;
      console.log(`  ✔ ${name} (${elapsed(t)})`);
    } catch (err) {
      failed++;
      console.log(`  ✗ ${name} (${elapsed(t)})\n      ${String(err.message || err).split("\n").join("\n      ")}`);
      await shot(`failed-${i + 1}`).catch(() => undefined);
      await page.keyboard.press("Escape").catch(() => undefined);
    }
  }
  await teardown();
  clearTimeout(watchdog);
  if (failed) {
    const log = path.join(ARTIFACTS, "code-server.log");
    if (fs.existsSync(log)) console.error(`--- code-server.log (tail) ---\n${fs.readFileSync(log, "utf8").split("\n").slice(-40).join("\n")}`);
    const out = path.join(ARTIFACTS, "sqlascope-output.log");
    if (fs.existsSync(out)) console.error(`--- sqlascope output channel (tail) ---\n${fs.readFileSync(out, "utf8").split("\n").slice(-40).join("\n")}`);
    console.error(`e2e: screenshots and logs in ${ARTIFACTS}`);
  }
  if (!failed && process.env.SQLASCOPE_E2E_UPDATE_IMAGES === "1") {
    for (const [from, to] of [["diagnostic", "screenshot-diagnostic"], ["quick-fix", "screenshot-quick-fix"]]) {
      fs.copyFileSync(path.join(ARTIFACTS, `${from}.png`), path.join(ROOT, "images", `${to}.png`));
    }
    say("copied the README screenshots into images/");
  }
  console.log(`e2e: ${passed} passed, ${failed} failed (${elapsed(started)})`);
  process.exit(failed ? 1 : 0);
}

await main();
