-- One editing session in Neovim's built-in LSP client against `connspec lsp`, run by
-- tests/neovim.rs. Written for Neovim 0.7 (Debian 12): `vim.lsp.start_client` and
-- `vim.lsp.buf_attach_client`, no `vim.lsp.start`. Every stage runs under xpcall and records
-- its outcome (or its error with a traceback) in the JSON result file, which is rewritten after
-- each stage, so the Rust test can say which part failed and why. Nothing here asserts the
-- expected answers: the Rust test does.

local bin = assert(os.getenv('CONNSPEC_TEST_BIN'), 'CONNSPEC_TEST_BIN is not set')
local spec = assert(os.getenv('CONNSPEC_TEST_SPEC'), 'CONNSPEC_TEST_SPEC is not set')
local result_path = assert(os.getenv('CONNSPEC_TEST_RESULT'), 'CONNSPEC_TEST_RESULT is not set')
local scope_fix_copy = assert(os.getenv('CONNSPEC_TEST_AFTER_SCOPE_FIX'), 'CONNSPEC_TEST_AFTER_SCOPE_FIX is not set')

-- Each wait is far below the Rust side's hard timeout, so a slow stage is reported, not killed.
local TIMEOUT_MS = 10000
local FIX_ALL_KIND = 'source.fixAll.connspec'

local version = vim.fn.api_info().version
local out = {
  nvim = string.format('%d.%d.%d', version.major, version.minor, version.patch),
  server_messages = {},
}

local function save()
  local file = assert(io.open(result_path, 'w'))
  file:write(vim.fn.json_encode(out))
  file:close()
end

local function stage(name, body)
  local ok, value = xpcall(body, debug.traceback)
  if ok then
    out[name] = { ok = true, value = value }
  else
    out[name] = { ok = false, error = tostring(value) }
  end
  save()
  return ok
end

-- Every publishDiagnostics the server sends, in order, before Neovim's own handler turns it
-- into `vim.diagnostic` entries: the code actions need the diagnostics in LSP form.
local publishes = {}
local publish_to_editor = vim.lsp.handlers['textDocument/publishDiagnostics']
local handlers = {
  ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
    table.insert(publishes, result)
    return publish_to_editor(err, result, ctx, config)
  end,
  ['window/logMessage'] = function(_, result)
    table.insert(out.server_messages, result.message)
  end,
  ['window/showMessage'] = function(_, result)
    table.insert(out.server_messages, result.message)
  end,
}

local client_id, buf, client

local function codes_of(publish)
  local codes = {}
  for _, diagnostic in ipairs(publish.diagnostics) do
    table.insert(codes, diagnostic.code)
  end
  table.sort(codes)
  return codes
end

local function lsp_diagnostic(code)
  for _, diagnostic in ipairs(publishes[#publishes].diagnostics) do
    if diagnostic.code == code then
      return diagnostic
    end
  end
  error('the last published diagnostics have no ' .. code .. ': ' .. table.concat(codes_of(publishes[#publishes]), ', '))
end

-- Waits until the server has published diagnostics for the buffer's current version, i.e. it
-- has received every change made so far.
local function settle(after)
  local caught_up = vim.wait(TIMEOUT_MS, function()
    local last = publishes[#publishes]
    return last ~= nil and last.version == vim.lsp.util.buf_versions[buf]
  end, 20)
  if not caught_up then
    error(string.format('no diagnostics for buffer version %s within %d ms after %s',
      tostring(vim.lsp.util.buf_versions[buf]), TIMEOUT_MS, after))
  end
  return publishes[#publishes]
end

-- The results of a `buf_request_sync`, flattened; a response error or a timeout is raised.
local function request(method, params)
  local responses, why = vim.lsp.buf_request_sync(buf, method, params, TIMEOUT_MS)
  if not responses then
    error(method .. ' got no answer: ' .. tostring(why))
  end
  local results = {}
  local answered = false
  for _, response in pairs(responses) do
    answered = true
    local err = response.error or response.err
    if err then
      error(method .. ' failed: ' .. tostring(err.message or vim.inspect(err)))
    end
    local result = response.result
    if result ~= nil and result ~= vim.NIL then
      if result.items then
        result = result.items -- a CompletionList
      end
      for _, item in ipairs(result) do
        table.insert(results, item)
      end
    end
  end
  if not answered then
    error(method .. ': no attached client answered')
  end
  return results
end

local function apply(action)
  if not action.edit then
    error('the code action "' .. action.title .. '" carries no edit')
  end
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')
end

local function titles_of(actions)
  local titles = {}
  for _, action in ipairs(actions) do
    table.insert(titles, action.title)
  end
  return titles
end

local function labels_of(items)
  local labels = {}
  for _, item in ipairs(items) do
    table.insert(labels, item.label)
  end
  table.sort(labels)
  return labels
end

local function require_capability(name)
  if not client.server_capabilities[name] then
    error('the server does not advertise ' .. name .. ' in its initialize result')
  end
end

-- The 0-based number of the first buffer line matching `pattern`, and the line.
local function find_line(pattern)
  for index, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, true)) do
    if line:find(pattern) then
      return index - 1, line
    end
  end
  error('no line of the buffer matches ' .. pattern)
end

-- A completion at the cursor, as the editor computes the position.
local function complete_at(line, byte_column)
  vim.api.nvim_win_set_cursor(0, { line + 1, byte_column })
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding or 'utf-16')
  params.context = { triggerKind = 1 }
  local items = request('textDocument/completion', params)
  return { line = line, character = params.position.character, labels = labels_of(items) }
end

local function session()
  local started = stage('start', function()
    client_id = vim.lsp.start_client({
      name = 'connspec',
      cmd = { bin, 'lsp' },
      root_dir = vim.fn.fnamemodify(spec, ':h'),
      handlers = handlers,
    })
    if not client_id then
      error('vim.lsp.start_client returned nil')
    end
    vim.cmd('edit ' .. vim.fn.fnameescape(spec))
    buf = vim.api.nvim_get_current_buf()
    if not vim.lsp.buf_attach_client(buf, client_id) then
      error('vim.lsp.buf_attach_client failed')
    end
    local initialized = vim.wait(TIMEOUT_MS, function()
      client = vim.lsp.get_client_by_id(client_id)
      return client ~= nil and client.initialized == true
    end, 20)
    if not initialized then
      error('the server did not answer initialize within ' .. TIMEOUT_MS .. ' ms')
    end
    local capabilities = vim.tbl_keys(client.server_capabilities)
    table.sort(capabilities)
    return { capabilities = capabilities }
  end)
  if not started then
    return
  end

  -- The diagnostics as the editor holds them (`vim.diagnostic`), after the first publish.
  stage('diagnostics', function()
    if not vim.wait(TIMEOUT_MS, function() return #publishes > 0 end, 20) then
      error('no diagnostics published within ' .. TIMEOUT_MS .. ' ms of opening the file')
    end
    local items = {}
    for _, diagnostic in ipairs(vim.diagnostic.get(buf)) do
      table.insert(items, {
        code = diagnostic.code,
        lnum = diagnostic.lnum,
        col = diagnostic.col,
        end_lnum = diagnostic.end_lnum,
        end_col = diagnostic.end_col,
        message = diagnostic.message,
      })
    end
    table.sort(items, function(a, b)
      if a.lnum ~= b.lnum then
        return a.lnum < b.lnum
      end
      return a.col < b.col
    end)
    return items
  end)

  -- The quick fix of the unknown scope, asked for at its range with it in the context.
  stage('scope_fix', function()
    local p001 = lsp_diagnostic('P001')
    local actions = request('textDocument/codeAction', {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      range = p001.range,
      context = { diagnostics = { p001 }, only = { 'quickfix' } },
    })
    local chosen
    for _, action in ipairs(actions) do
      if action.title:find('core.approval.read', 1, true) then
        chosen = action
      end
    end
    if not chosen then
      error('no quick fix names core.approval.read among: ' .. table.concat(titles_of(actions), ' | '))
    end
    apply(chosen)
    local after = settle('the scope fix')
    vim.cmd('write')
    vim.fn.writefile(vim.fn.readfile(spec, 'b'), scope_fix_copy, 'b')
    return { titles = titles_of(actions), applied = chosen.title, published_after = codes_of(after) }
  end)

  -- "Fix all", as an editor asks for it on save.
  stage('fix_all', function()
    local actions = request('textDocument/codeAction', {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      range = { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } },
      context = { diagnostics = {}, only = { FIX_ALL_KIND } },
    })
    local chosen
    for _, action in ipairs(actions) do
      if action.kind == FIX_ALL_KIND then
        chosen = action
      end
    end
    if not chosen then
      error('no ' .. FIX_ALL_KIND .. ' action among: ' .. table.concat(titles_of(actions), ' | '))
    end
    apply(chosen)
    local after = settle('fix all')
    vim.cmd('write')
    return { titles = titles_of(actions), applied = chosen.title, published_after = codes_of(after) }
  end)

  -- Completion, on the fixed file (written above; these edits are never saved). Each edit goes
  -- through the buffer, so the server learns of it by didChange before the request.
  stage('scope_completion', function()
    require_capability('completionProvider')
    local line, text = find_line('^%s*scopes:')
    local edited = text:match('^(%s*)') .. 'scopes: []'
    vim.api.nvim_buf_set_lines(buf, line, line + 1, true, { edited })
    local result = complete_at(line, #edited - 1)
    result.text = edited
    return result
  end)

  stage('input_completion', function()
    require_capability('completionProvider')
    local line, text = find_line('{{ inputs%.status }}')
    local after_dot = text:find('inputs.status', 1, true) + #'inputs.' - 1
    -- `{{ inputs.status }}` becomes `{{ inputs. }}`.
    vim.api.nvim_buf_set_text(buf, line, after_dot, line, after_dot + #'status', { '' })
    local result = complete_at(line, after_dot)
    result.text = vim.api.nvim_buf_get_lines(buf, line, line + 1, true)[1]
    return result
  end)

  stage('stop', function()
    vim.lsp.stop_client(client_id)
    if not vim.wait(TIMEOUT_MS, function() return vim.lsp.client_is_stopped(client_id) end, 20) then
      error('the server did not stop within ' .. TIMEOUT_MS .. ' ms of shutdown')
    end
  end)
end

local ok, err = xpcall(session, debug.traceback)
if not ok then
  out.fatal = tostring(err)
end
out.done = true
if pcall(save) then
  vim.cmd('qall!')
else
  vim.cmd('cquit 2')
end
