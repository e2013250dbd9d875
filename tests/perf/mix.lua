-- A mix of pages and API calls for wrk: every tool's page, a status page, and each JSON API.
-- Every request here is valid, so any non-2xx answer counts as a failure.
local token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
local json = { ["Content-Type"] = "application/json" }
local requests = {
  wrk.format("GET", "/"),
  wrk.format("GET", "/http-status"),
  wrk.format("GET", "/http-status/403"),
  wrk.format("GET", "/http-status/503"),
  wrk.format("GET", "/api/http-status/429"),
  wrk.format("GET", "/cron?expr=*%2F15+9-17+*+*+MON-FRI&tz=Europe%2FBerlin"),
  wrk.format("GET", "/api/cron?expr=0+9+*+*+1-5&tz=America%2FNew_York&count=10&from=2026-01-01T00:00:00Z"),
  wrk.format("GET", "/color?value=oklch(70%25+0.15+150)"),
  wrk.format("GET", "/api/color?value=%23ff8800"),
  wrk.format("GET", "/api/color/contrast?fg=%23767676&bg=white"),
  wrk.format("GET", "/regex"),
  wrk.format("POST", "/api/regex", json, '{"pattern":"(\\\\d{4})-(\\\\d{2})-(\\\\d{2})","text":"from 2024-01-15 to 2024-02-20","flags":"","flavor":"rust","replace":"$3/$2/$1"}'),
  wrk.format("GET", "/jwt"),
  wrk.format("POST", "/api/jwt/decode", json, '{"token":"' .. token .. '","key":"your-256-bit-secret","now":1700000000}'),
}
local i = 0
request = function()
  i = i + 1
  return requests[(i % #requests) + 1]
end
