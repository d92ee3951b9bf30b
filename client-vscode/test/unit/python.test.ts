import * as assert from "assert";
import { resolveInterpreter } from "../../src/launch";
import { interpreterFromPythonExtension, onDidChangeInterpreter, resetPythonApi } from "../../src/python";
import { fake, resetFake } from "../mocks/python-extension";

describe("interpreter from the Python extension (mocked @vscode/python-extension)", () => {
  beforeEach(() => { resetFake(); resetPythonApi(); });

  it("is undefined when the Python extension is not installed", async () => {
    assert.strictEqual(await interpreterFromPythonExtension(), undefined);
    assert.strictEqual(await onDidChangeInterpreter(() => undefined), undefined);
  });

  it("is the resolved executable of the active environment", async () => {
    fake.installed = true;
    fake.executable = "/proj/.venv/bin/python";
    assert.strictEqual(await interpreterFromPythonExtension(), "/proj/.venv/bin/python");
    assert.strictEqual(fake.activeCalls, 1);
  });

  it("is undefined when the environment does not resolve", async () => {
    fake.installed = true;
    assert.strictEqual(await interpreterFromPythonExtension(), undefined);
  });

  it("resolution order: Python extension, then sqlascope.interpreter, then python3", async () => {
    fake.installed = true;
    fake.executable = "/proj/.venv/bin/python";
    assert.deepStrictEqual(resolveInterpreter(await interpreterFromPythonExtension(), ["/usr/bin/python3.12"]).interpreter,
      ["/proj/.venv/bin/python"]);
    resetFake(); resetPythonApi();
    assert.deepStrictEqual(resolveInterpreter(await interpreterFromPythonExtension(), ["/usr/bin/python3.12"]).interpreter,
      ["/usr/bin/python3.12"]);
    assert.deepStrictEqual(resolveInterpreter(await interpreterFromPythonExtension(), []).interpreter, ["python3"]);
  });

  it("forwards onDidChangeActiveEnvironmentPath", async () => {
    fake.installed = true;
    let calls = 0;
    const sub = await onDidChangeInterpreter(() => calls++);
    assert.ok(sub);
    fake.changed.fire({ id: "x", path: "/y" });
    assert.strictEqual(calls, 1);
  });
});
