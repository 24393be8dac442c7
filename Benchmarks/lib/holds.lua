-- wrk script: POST /api/reservations with a fresh customerKey every request (so neither the
-- reuse rule nor the 3-holds-per-guest limit applies) and the slot rotating through SLOTS_FILE.
-- Prints one RESULT line with requests/s, latency percentiles (ms) and error counts.
local threads = {}
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

function response(status, headers, body)
  if status >= 200 and status < 300 then responses_2xx = responses_2xx + 1
  else responses_other = responses_other + 1 end
end

function done(summary, latency, requests)
  local ok, other = 0, 0
  for _, t in ipairs(threads) do
    ok = ok + (t:get("responses_2xx") or 0)
    other = other + (t:get("responses_other") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f ok_2xx=%d non_2xx=%d socket_errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, ok, other, e.connect + e.read + e.write + e.timeout))
end
