-- wrk script for the webhook ingest bench: posts the signed bodies listed
-- in the file named by BENCH_REQUESTS, one per request, in order. Each line
-- of that file is a base64 Ed25519 signature, a tab, and the JSON body.
local requests = {}
local next_index = 0

for line in io.lines(os.getenv("BENCH_REQUESTS")) do
  local tab = string.find(line, "\t", 1, true)
  requests[#requests + 1] = wrk.format("POST", "/webhooks", {
    ["Host"] = "127.0.0.1",
    ["Content-Type"] = "application/json",
    ["x-ghl-signature"] = string.sub(line, 1, tab - 1),
  }, string.sub(line, tab + 1))
end

request = function()
  next_index = next_index % #requests + 1
  return requests[next_index]
end
