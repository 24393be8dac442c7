-- wrk script: GET each prepared success redirect exactly once (URLS_FILE, split between the
-- threads), then stop the thread. Prints one RESULT line; "paid" counts pages that say
-- "예약이 성공하였습니다" (the PAID result page).
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
  next_url = next_url + 1
  local url = urls[next_url] or urls[#urls]   -- past the end: never answered as a new confirm (stopped below)
  return wrk.format("GET", url)
end

function response(status, headers, body)
  answered = answered + 1
  if status == 200 and string.find(body, "예약이 성공하였습니다", 1, true) then paid = paid + 1
  else responses_other = responses_other + 1 end
  if answered >= #urls then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local ok, other = 0, 0
  for _, t in ipairs(threads) do
    ok = ok + (t:get("paid") or 0)
    other = other + (t:get("responses_other") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f paid=%d not_paid=%d socket_errors=%d seconds=%.2f\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, ok, other, e.connect + e.read + e.write + e.timeout, summary.duration / 1e6))
end
