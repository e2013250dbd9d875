-- A mix of pages and API calls for wrk: every tool's page, status pages, each JSON API, and a few requests that
-- are meant to fail (a bad cron expression, an unknown colour, an unknown status code, a broken pattern, a
-- malformed token). Each answer is classified: 2xx, an intended 4xx (its body names the expected error), or
-- unexpected (anything else). `done` prints the counts on a line that load.sh checks.
local token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
-- Debian's wrk (4.1.0) adds Host only to its default request (in wrk.init); the requests formatted here name it
-- themselves, since the server answers an HTTP/1.1 request without one 400 (RFC 9112 §3.2).
local host = wrk.port and (wrk.host .. ":" .. wrk.port) or wrk.host
local plain = { Host = host }
local json = { Host = host, ["Content-Type"] = "application/json" }
local requests = {
  wrk.format("GET", "/", plain),
  wrk.format("GET", "/http-status", plain),
  wrk.format("GET", "/http-status/403", plain),
  wrk.format("GET", "/http-status/503", plain),
  wrk.format("GET", "/api/http-status/429", plain),
  wrk.format("GET", "/cron?expr=*%2F15+9-17+*+*+MON-FRI&tz=Europe%2FBerlin", plain),
  wrk.format("GET", "/api/cron?expr=0+9+*+*+1-5&tz=America%2FNew_York&count=10&from=2026-01-01T00:00:00Z", plain),
  wrk.format("GET", "/color?value=oklch(70%25+0.15+150)", plain),
  wrk.format("GET", "/api/color?value=%23ff8800", plain),
  wrk.format("GET", "/api/color/contrast?fg=%23767676&bg=white", plain),
  wrk.format("GET", "/regex", plain),
  wrk.format("POST", "/api/regex", json, '{"pattern":"(\\\\d{4})-(\\\\d{2})-(\\\\d{2})","text":"from 2024-01-15 to 2024-02-20","flags":"","flavor":"rust","replace":"$3/$2/$1"}'),
  wrk.format("GET", "/jwt", plain),
  wrk.format("POST", "/api/jwt/decode", json, '{"token":"' .. token .. '","key":"your-256-bit-secret","now":1700000000}'),
}
-- Intended 4xx: each request with the text its answer must contain.
local failing = {
  { wrk.format("GET", "/api/cron?expr=61+*+*+*+*", plain), '"error":"invalid_expression"' },
  { wrk.format("GET", "/api/color?value=grean", plain), '"error":"invalid_color"' },
  { wrk.format("GET", "/api/http-status/999", plain), '"error":"unknown_code"' },
  { wrk.format("GET", "/http-status/999", plain), "<title>999 is not a status code" },
  { wrk.format("POST", "/api/regex", json, '{"pattern":"(","text":"x"}'), '"error":"invalid_pattern"' },
  { wrk.format("POST", "/api/jwt/decode", json, '{"token":"abc"}'), '"error":"malformed_token"' },
}
local markers = {}
for _, f in ipairs(failing) do
  table.insert(requests, f[1])
  table.insert(markers, f[2])
end

-- Per thread (each wrk thread has its own Lua state); `done` adds them up.
ok, intended, unexpected, shed = 0, 0, 0, 0
local i = 0
request = function()
  i = i + 1
  return requests[(i % #requests) + 1]
end

response = function(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
    return
  end
  -- Load shedding, as the execution model intends under overload: 503 busy with Retry-After (the regex search
  -- runs in a child process, a few at a time, so 128 closed-loop connections overload it on purpose).
  if status == 503 and (headers["retry-after"] or headers["Retry-After"]) and string.find(body, '"error":"busy"', 1, true) then
    shed = shed + 1
    return
  end
  if status == 400 or status == 404 then
    for _, marker in ipairs(markers) do
      if string.find(body, marker, 1, true) then
        intended = intended + 1
        return
      end
    end
  end
  unexpected = unexpected + 1
  if unexpected <= 3 then
    io.stderr:write(string.format("unexpected %d: %s\n", status, string.sub(body or "", 1, 200)))
  end
end

local threads = {}
setup = function(thread)
  table.insert(threads, thread)
end

done = function(summary, latency, requests_stats)
  local total_ok, total_intended, total_unexpected, total_shed = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    total_shed = total_shed + thread:get("shed")
    total_ok = total_ok + thread:get("ok")
    total_intended = total_intended + thread:get("intended")
    total_unexpected = total_unexpected + thread:get("unexpected")
  end
  local share = #failing / #requests
  io.write(string.format("mix: %d 2xx, %d intended 4xx (%.1f%%, the mix has %.1f%%), %d unexpected, %d shed\n",
    total_ok, total_intended, 100 * total_intended / math.max(1, total_ok + total_intended),
    100 * share, total_unexpected, total_shed))
end
