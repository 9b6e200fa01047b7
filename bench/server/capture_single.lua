-- wrk: one PostHog-shaped event per request to /capture, each with its own
-- uuid (thread number and counter), so every acknowledged event is stored
-- once and the count afterwards can prove it.
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  thread_id = tid
end

local head = '{"event":"$pageview","distinct_id":"visitor-'
local mid = '","uuid":"'
local tail = '","timestamp":"2024-06-01T10:00:00Z","properties":{"$current_url":"https://shop.example/product/42",' ..
  '"$session_id":"s-1","$lib":"web","$device_type":"Desktop","$browser":"Firefox","utm_campaign":"summer"}}'

function request()
  counter = counter + 1
  local body = head .. (counter % 5000) .. mid .. thread_id .. "-" .. counter .. tail
  return wrk.format("POST", "/capture", {["Content-Type"] = "application/json"}, body)
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d non2xx=%d errors=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.timeout, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max))
end
