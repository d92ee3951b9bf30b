// Redirect `vscode`, `vscode-languageclient/node` and `@vscode/python-extension` to the mocks in test/mocks
// (the approach of microsoft/vscode-common-python-lsp typescript/tests/_setup.ts).
import * as path from "path";
// eslint-disable-next-line @typescript-eslint/no-var-requires
const Module = require("module");

const redirects: Record<string, string> = {
  vscode: path.join(__dirname, "..", "mocks", "vscode.js"),
  "vscode-languageclient/node": path.join(__dirname, "..", "mocks", "languageclient.js"),
  "@vscode/python-extension": path.join(__dirname, "..", "mocks", "python-extension.js"),
};

const original = Module._resolveFilename;
Module._resolveFilename = function (request: string, ...rest: unknown[]) {
  if (Object.prototype.hasOwnProperty.call(redirects, request)) return redirects[request];
  return original.call(this, request, ...rest);
};
