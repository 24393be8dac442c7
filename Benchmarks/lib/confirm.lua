-- wrk script: GET each prepared success redirect exactly once (URLS_FILE, split between the
-- threads), then stop the thread. Prints one RESULT line; "paid" counts pages that say
-- "예약이 성공하였습니다" (the PAID result page).
-- wrk keeps running until -d even after every thread stopped, so the script times the run itself
-- (first request to last answer, CLOCK_MONOTONIC through LuaJIT's ffi) and drops a marker file
-- in DONE_DIR per finished thread.
local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *t);
]]
local function now()
  local t = ffi.new("bench_timespec")
  ffi.C.clock_gettime(1, t)
  return tonumber(t.tv_sec) + tonumber(t.tv_nsec) / 1e9
end
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

function init(args)
  urls = {}
  local all = {}
  for line in io.lines(os.getenv("URLS_FILE")) do
    if #line > 0 then table.insert(all, line) end
  end
  local count = tonumber(os.getenv("THREADS") or "2")
  for i = 1, #all do
    if (i - 1) % count == thread_id then table.insert(urls, all[i]) end
  end
  next_url, answered = 0, 0
  paid, responses_other = 0, 0
end

function request()
  if next_url == 0 then first_request = now() end
  next_url = next_url + 1
  local url = urls[next_url] or urls[#urls]   -- past the end: never answered as a new confirm (stopped below)
  return wrk.format("GET", url)
end

function response(status, headers, body)
  answered = answered + 1
  if status == 200 and string.find(body, "예약이 성공하였습니다", 1, true) then paid = paid + 1
  else responses_other = responses_other + 1 end
  if answered == #urls then
    last_answer = now()
    -- Tell confirm.sh this thread is finished; it interrupts wrk (SIGINT) once all are.
    local marker = io.open(os.getenv("DONE_DIR") .. "/thread-" .. thread_id, "w")
    if marker then marker:close() end
  end
  if answered >= #urls then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local ok, other, first, last = 0, 0, nil, nil
  for _, t in ipairs(threads) do
    local f, l = t:get("first_request"), t:get("last_answer")
    if f and (first == nil or f < first) then first = f end
    if l and (last == nil or l > last) then last = l end
    ok = ok + (t:get("paid") or 0)
    other = other + (t:get("responses_other") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d answered_in=%.3f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f paid=%d not_paid=%d socket_errors=%d wrk_seconds=%.2f\n",
    summary.requests, (last or 0) - (first or 0),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, ok, other, e.connect + e.read + e.write + e.timeout, summary.duration / 1e6))
end
