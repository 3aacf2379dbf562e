-- Neovim as a second LSP client (scripts/test-nvim.mjs runs it headless): opens a prep doc with
-- the built-in LSP client and prep-loop-ls --stdio, waits for Prep Loop's diagnostics, asks for
-- a hover on the first #po tag, and writes what it saw as JSON. Works on Neovim 0.7 and later.
local server = os.getenv('PREP_LOOP_SERVER')
local root = os.getenv('PREP_LOOP_ROOT')
local file = os.getenv('PREP_LOOP_FILE')
local out = os.getenv('PREP_LOOP_OUT')

local function finish(result)
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qa!')
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
vim.bo[buf].filetype = 'markdown'
local id = vim.lsp.start_client({
  name = 'prep-loop',
  cmd = { 'node', server, '--stdio' },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'prep' } },
})
if not id then
  finish({ error = 'the client did not start' })
  return
end
vim.lsp.buf_attach_client(buf, id)

local function ours()
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.source == 'prep-loop' then
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      table.insert(found, { code = code, lnum = d.lnum, col = d.col, end_col = d.end_col, message = d.message })
    end
  end
  return found
end

local got = vim.wait(20000, function()
  return #ours() > 0
end, 100)
if not got then
  finish({ error = 'no diagnostics from prep-loop-ls within 20 s' })
  return
end

local lnum, col
for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
  local c = line:find('#po', 1, true)
  if c and line:sub(1, 3) == '## ' then
    lnum, col = i - 1, c - 1
    break
  end
end
local hover = ''
if lnum then
  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = lnum, character = col + 1 } }
  local res = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 10000) or {}
  for _, r in pairs(res) do
    local c = r.result and r.result.contents
    if type(c) == 'table' then hover = hover .. (c.value or '') elseif type(c) == 'string' then hover = hover .. c end
  end
end
finish({ diagnostics = ours(), hover = hover, tag = { lnum = lnum, col = col } })
