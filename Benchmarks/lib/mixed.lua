-- wrk script for the soak: 4 holds (fresh customerKey, slots rotating over SLOTS_FILE) for every
-- availability read of the realistic restaurant 'bench-small'. Prints one RESULT line.
threads = {}  -- global: report.lua reads it in done()

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  slots = {}
  for line in io.lines(os.getenv("SLOTS_FILE")) do
    if #line > 0 then table.insert(slots, line) end
  end
  thread_id = thread_id or 0
  counter = 0
  run = os.getenv("RUN_ID") or "0"
  responses_2xx, responses_other = 0, 0
end

local headers = { ["Content-Type"] = "application/json" }

function request()
  counter = counter + 1
  if counter % 5 == 0 then
    return wrk.format("GET", "/api/availability?restaurant=bench-small")
  end
  local body = string.format(
    '{"slotId":"%s","partySize":2,"customerKey":"s%s-%d-%d","name":"손님","phone":"010-1234-5678"}',
    slots[(counter % #slots) + 1], run, thread_id, counter)
  return wrk.format("POST", "/api/reservations", headers, body)
end

-- response() and done(): counting 2xx answers and the RESULT line, shared with the other scripts.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")
