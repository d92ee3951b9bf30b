-- Headless Neovim (0.7.2 API: vim.lsp.start_client + buf_attach_client) against `sqlascope serve`.
-- Reads SQLASCOPE_FILE, SQLASCOPE_ROOT, SQLASCOPE_PYTHON and SQLASCOPE_OUT from the environment, opens the
-- file, waits for diagnostics and writes them to SQLASCOPE_OUT as JSON lines: lnum, col, code, source, message.
local file = os.getenv("SQLASCOPE_FILE")
local root = os.getenv("SQLASCOPE_ROOT")
local python = os.getenv("SQLASCOPE_PYTHON")
local out = os.getenv("SQLASCOPE_OUT")

vim.cmd("edit " .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "sqlascope",
  cmd = { python, "-m", "sqlascope", "serve" },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = "root" } },
})
if not client_id then
  vim.cmd("cquit 2")
end
vim.lsp.buf_attach_client(bufnr, client_id)

local ok = vim.wait(20000, function()
  return #vim.diagnostic.get(bufnr) > 0
end, 100)

local handle = io.open(out, "w")
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  handle:write(vim.fn.json_encode({
    lnum = d.lnum, col = d.col, code = d.code, source = d.source, message = d.message, severity = d.severity,
  }) .. "\n")
end
handle:close()
vim.lsp.stop_client(client_id)
if ok then
  vim.cmd("qa!")
else
  vim.cmd("cquit 1")
end
