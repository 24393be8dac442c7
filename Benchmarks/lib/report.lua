-- Shared by holds.lua and mixed.lua: counts 2xx and other answers per thread and prints one
-- RESULT line (rate, latency percentiles, errors) that the shell scripts parse.
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
