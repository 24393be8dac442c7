-- wrk script: POST /api/reservations with a fresh customerKey every request (so neither the
-- reuse rule nor the 3-holds-per-guest limit applies) and the slot rotating through SLOTS_FILE.
-- Prints one RESULT line with requests/s, latency percentiles (ms) and error counts.
threads = {}  -- global: report.lua reads it in done()
local counter = 0
local slots = {}

local run = os.getenv("RUN_ID") or tostring(os.time())

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(os.getenv("SLOTS_FILE")) do
    if #line > 0 then table.insert(slots, line) end
  end
  thread_id = thread_id or 0
  counter = 0
  responses_2xx, responses_other = 0, 0
end

local headers = { ["Content-Type"] = "application/json" }

function request()
  counter = counter + 1
  local slot = slots[(counter % #slots) + 1]
  local body = string.format(
    '{"slotId":"%s","partySize":2,"customerKey":"b%s-%d-%d","name":"벤치","phone":"010-1234-5678"}',
    slot, run, thread_id, counter)
  return wrk.format("POST", "/api/reservations", headers, body)
end

-- response() and done(): counting 2xx answers and the RESULT line, shared with the other scripts.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")
