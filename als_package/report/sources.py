"""Where statements come from: a file export, or an LRS read through the xAPI Statement API.

A file export (a JSON array of statements, or NDJSON) is read by the engine where it lies.
An LRS is read with `GET statements`, page after page following `more` (xAPI §2.1.3: a path
on the LRS's host), each page appended as NDJSON to a file in a temporary folder that the
caller deletes; the engine then reads that file like an export.

Credentials come only from the environment (ALS_LRS_USER and ALS_LRS_PASSWORD for Basic
auth, or ALS_LRS_AUTH with a whole Authorization header value). They are sent in the
header and nowhere else: never written to a file, never part of a message.
"""

from __future__ import annotations

import base64
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from als_package.diagnostics import UsageProblem

VERSION = "1.0.3"
PAGE = 1000  # statements asked for per request (an LRS may send fewer)
TIMEOUT = 60.0  # seconds per request: an LRS that stops answering ends the run with a message
ENV_USER, ENV_PASSWORD, ENV_AUTH = "ALS_LRS_USER", "ALS_LRS_PASSWORD", "ALS_LRS_AUTH"


def authorization(environ: dict[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    if env.get(ENV_AUTH):
        return env[ENV_AUTH]
    user, password = env.get(ENV_USER), env.get(ENV_PASSWORD)
    if user and password is not None:
        return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
    raise UsageProblem(f"--lrs needs credentials in the environment: {ENV_USER} and {ENV_PASSWORD} (Basic), or {ENV_AUTH} (a whole Authorization header value)")


def public(endpoint: str) -> str:
    """The endpoint as shown in the report and in messages: without any user:password@."""
    parts = urllib.parse.urlsplit(endpoint)
    host = parts.hostname or ""
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, "", ""))


@dataclass(frozen=True)
class Query:
    """What the LRS is asked to filter itself (the rest is filtered locally)."""

    activity: str | None = None  # with related_activities: the course's statements only
    registration: str | None = None


class Lrs:
    def __init__(self, endpoint: str, auth: str) -> None:
        parts = urllib.parse.urlsplit(endpoint)
        if parts.username or parts.password:
            raise UsageProblem(f"--lrs {public(endpoint)}: put the credentials in {ENV_USER} and {ENV_PASSWORD}, not in the address")
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UsageProblem(f"--lrs {endpoint!r} is not an http(s) address of an xAPI endpoint (e.g. https://lrs.example.org/xAPI/)")
        self.endpoint = endpoint if endpoint.endswith("/") else endpoint + "/"
        self.auth = auth

    def _get(self, url: str) -> dict:
        request = urllib.request.Request(url, headers={"Authorization": self.auth, "X-Experience-API-Version": VERSION, "Accept": "application/json"})
        where = public(self.endpoint)
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as reply:
                body = reply.read()
        except urllib.error.HTTPError as error:
            if error.code in (401, 403):
                raise UsageProblem(f"the LRS at {where} refused the credentials from the environment (HTTP {error.code})") from None
            raise UsageProblem(f"the LRS at {where} answered HTTP {error.code} to GET statements") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise UsageProblem(f"cannot reach the LRS at {where}: {reason}") from None
        try:
            page = json.loads(body)
            statements = page["statements"]
        except (ValueError, KeyError, TypeError):
            raise UsageProblem(f"the LRS at {where} did not answer with a StatementResult (is the address its xAPI endpoint?)") from None
        if not isinstance(statements, list):
            raise UsageProblem(f"the LRS at {where} sent a StatementResult without a list of statements")
        return page

    def download(self, out: Path, query: Query = Query(), progress: Callable[[int], None] | None = None, page: int = PAGE) -> int:
        """Every statement the query selects, as NDJSON in `out`; returns how many."""
        params = {"limit": str(page)}
        if query.activity:
            params |= {"activity": query.activity, "related_activities": "true"}
        if query.registration:
            params["registration"] = query.registration
        url: str | None = self.endpoint + "statements?" + urllib.parse.urlencode(params)
        seen: set[str] = set()
        count = 0
        with out.open("w", encoding="utf-8") as f:
            while url:
                if url in seen:
                    raise UsageProblem(f"the LRS at {public(self.endpoint)} sent the same `more` link twice: stopped reading")
                seen.add(url)
                result = self._get(url)
                for statement in result["statements"]:
                    f.write(json.dumps(statement, ensure_ascii=False, separators=(",", ":")) + "\n")
                count += len(result["statements"])
                if progress:
                    progress(count)
                more = result.get("more") or ""
                url = urllib.parse.urljoin(self.endpoint, more) if more and result["statements"] else None
        return count


def export_files(paths: tuple[Path, ...]) -> list[Path]:
    for path in paths:
        if not path.is_file():
            raise UsageProblem(f"{path}: no such file")
    return list(paths)
