#!/usr/bin/env python3
"""Writes the LiteLLM fixtures: one spend log exported two ways, and a user table.

`LiteLLM_SpendLogs` columns are those of BerriAI/litellm's `schema.prisma` (model
LiteLLM_SpendLogs), in its order. The CSV is what `psql -c "\\copy (SELECT * FROM
\\"LiteLLM_SpendLogs\\" ORDER BY \\"startTime\\") TO 'spend.csv' CSV HEADER"` writes: timestamps as
`timestamp(3)` text without a zone, JSON columns as JSON text, NULL as an empty cell. The JSONL is
what `SELECT row_to_json(t) FROM (...) t` writes: timestamps ISO 8601 without a zone, JSON columns
nested, numbers as numbers, NULL as null. Values imitate the proxy's: the hashed key in `api_key`
and `metadata.user_api_key`, the key owner in `metadata.user_api_key_user_id`, `status`
success/failure, `cache_hit` as text. Deterministic: no randomness.

    python3 make_litellm.py   # writes litellm_spendlogs.csv, .jsonl, litellm_users.csv here
"""
import csv
import hashlib
import json
import os
from datetime import datetime, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
COLUMNS = [
    "request_id", "call_type", "api_key", "spend", "total_tokens", "prompt_tokens", "completion_tokens",
    "startTime", "endTime", "request_duration_ms", "completionStartTime", "model", "model_id", "model_group",
    "custom_llm_provider", "api_base", "user", "metadata", "cache_hit", "cache_key", "request_tags", "team_id",
    "organization_id", "end_user", "requester_ip_address", "messages", "response", "session_id", "status",
    "mcp_namespaced_tool_name", "agent_id", "proxy_server_request",
]
JSON_COLUMNS = {"metadata", "request_tags", "messages", "response", "proxy_server_request"}
START = datetime(2025, 3, 4, 9, 0, 0)

# owner, team, key alias, client ip, user agent
USERS = {
    "alice@corp.example": ("team-web", "web-prod", "198.51.100.23", "OpenAI/Python 1.61.0"),
    "bob@corp.example": ("team-data", "etl", "198.51.100.77", "OpenAI/Python 1.58.1"),
    "harvester@mail.example": ("team-free", "free-1", "203.0.113.9", "python-requests/2.32.3"),
    None: ("team-legacy", "legacy", "192.0.2.4", "curl/8.5.0"),  # a key with no owner: the team is the account
}


def key_hash(alias):
    return hashlib.sha256(("sk-" + alias).encode()).hexdigest()


def rows():
    plan = []
    # alice: a few chats; bob: embeddings and chats; the harvester: many long completions.
    for i in range(6):
        plan.append((START + timedelta(minutes=7 * i, seconds=3), "alice@corp.example", "acompletion", 900 + 40 * i, 180 + i))
    for i in range(4):
        plan.append((START + timedelta(minutes=11 * i, seconds=41), "bob@corp.example", "aembedding", 300 + i, 0))
    for i in range(14):
        plan.append((START + timedelta(minutes=3 * i, seconds=17, milliseconds=250), "harvester@mail.example", "acompletion", 120 + i, 1800 + 10 * i))
    plan.append((START + timedelta(minutes=20, seconds=5), None, "atext_completion", 64, 12))
    plan.append((START + timedelta(minutes=25, seconds=9), "bob@corp.example", "acompletion", 700, 0))  # a failure
    plan.sort(key=lambda row: row[0])
    out = []
    for index, (start, owner, call_type, prompt, completion) in enumerate(plan):
        team, alias, ip, ua = USERS[owner]
        failed = completion == 0 and call_type == "acompletion"
        end = start + timedelta(milliseconds=350 + 9 * completion)
        body = {"model": "gpt-4o-mini", "stream": index % 3 == 0, "temperature": 0.2 if owner == "alice@corp.example" else 1.0,
                "max_tokens": 2048 if owner == "harvester@mail.example" else None, "n": 1}
        if owner == "harvester@mail.example":
            body["logprobs"] = True
            body["top_logprobs"] = 5
        out.append({
            "request_id": f"chatcmpl-{hashlib.md5(str(index).encode()).hexdigest()[:24]}",
            "call_type": call_type,
            "api_key": key_hash(alias),
            "spend": round((prompt * 0.15 + completion * 0.6) / 1e6, 9),
            "total_tokens": prompt + completion,
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "startTime": start,
            "endTime": end,
            "request_duration_ms": int((end - start).total_seconds() * 1000),
            "completionStartTime": None if call_type == "aembedding" or failed else start + timedelta(milliseconds=300),
            "model": "gpt-4o-mini-2024-07-18" if call_type != "aembedding" else "text-embedding-3-small",
            "model_id": "a1b2c3",
            "model_group": "gpt-4o-mini" if call_type != "aembedding" else "text-embedding-3-small",
            "custom_llm_provider": "openai",
            "api_base": "https://api.openai.com/v1",
            "user": "",  # the request body's `user` parameter, rarely sent
            "metadata": {
                "user_api_key": key_hash(alias), "user_api_key_alias": alias, "user_api_key_team_id": team,
                "user_api_key_user_id": owner, "user_api_key_org_id": None, "user_api_key_team_alias": team,
                "spend_logs_metadata": None, "requester_ip_address": ip,
                "status": "failure" if failed else "success",
                "error_information": {"error_code": "429", "error_class": "RateLimitError"} if failed else None,
            },
            "cache_hit": "False",
            "cache_key": "",
            "request_tags": ["prod"] if owner == "alice@corp.example" else [],
            "team_id": team,
            "organization_id": None,
            "end_user": None,
            "requester_ip_address": ip,
            "messages": {},
            "response": {},
            "session_id": None,
            "status": "failure" if failed else "success",
            "mcp_namespaced_tool_name": None,
            "agent_id": None,
            "proxy_server_request": {"url": "http://0.0.0.0:4000/chat/completions", "method": "POST",
                                      "headers": {"user-agent": ua, "content-type": "application/json"},
                                      "body": {k: v for k, v in body.items() if v is not None}},
        })
    return out


def timestamp_text(value, sep):
    return value.strftime(f"%Y-%m-%d{sep}%H:%M:%S.") + f"{value.microsecond // 1000:03d}"


def main():
    data = rows()
    with open(os.path.join(HERE, "litellm_spendlogs.csv"), "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in data:
            cells = []
            for column in COLUMNS:
                value = row[column]
                if value is None:
                    cells.append("")
                elif isinstance(value, datetime):
                    cells.append(timestamp_text(value, " "))
                elif column in JSON_COLUMNS:
                    cells.append(json.dumps(value, separators=(", ", ": ")))
                else:
                    cells.append(str(value))
            writer.writerow(cells)
    with open(os.path.join(HERE, "litellm_spendlogs.jsonl"), "w") as handle:
        for row in data:
            record = {c: (timestamp_text(row[c], "T") if isinstance(row[c], datetime) else row[c]) for c in COLUMNS}
            handle.write(json.dumps(record, separators=(",", ":")) + "\n")
    # LiteLLM_UserTable exported as CSV (a subset of its columns, in schema order).
    with open(os.path.join(HERE, "litellm_users.csv"), "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["user_id", "user_alias", "team_id", "organization_id", "user_role", "user_email", "created_at"])
        writer.writerow(["alice@corp.example", "Alice", "team-web", "org-corp", "internal_user", "alice@corp.example", "2024-06-01 08:00:00.000"])
        writer.writerow(["bob@corp.example", "Bob", "team-data", "org-corp", "internal_user", "bob@corp.example", "2024-06-03 08:00:00.000"])
        writer.writerow(["harvester@mail.example", "", "team-free", "", "internal_user_viewer", "harvester@mail.example", "2025-03-03 22:41:10.500"])


if __name__ == "__main__":
    main()
