-- wrk: PostHog's batch shape, 100 events per request to /batch, every event
-- with its own uuid (thread, request counter, position).
local counter = 0
local thread_id = 0
local threads = {}
local EVENTS = 100

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

local template
function init(args)
  thread_id = tid
  local parts = {}
  for i = 1, EVENTS do
    local event = (i % 10 == 0) and "purchase" or "$pageview"
    parts[i] = '{"event":"' .. event .. '","distinct_id":"visitor-$C' .. (i % 7) .. '","uuid":"$ID-' .. i ..
      '","timestamp":"2024-06-01T10:00:00Z","properties":{"$current_url":"https://shop.example/p/' .. i ..
      '","$session_id":"s-$C","$lib":"web","revenue":' .. ((i % 10 == 0) and "19.9" or "null") .. '}}'
  end
  template = '{"api_key":"bench","batch":[' .. table.concat(parts, ",") .. ']}'
end

function request()
  counter = counter + 1
  local id = thread_id .. "-" .. counter
  local body = template:gsub("%$ID", id):gsub("%$C", tostring(counter % 1000))
  return wrk.format("POST", "/batch", {["Content-Type"] = "application/json"}, body)
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d non2xx=%d errors=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.timeout, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max))
end
