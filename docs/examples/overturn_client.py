"""Calls the overturn HTTP API from Python, with the standard library only.

Start the server first (it listens on loopback):

    npx overturn serve --port 8080

then run:

    python3 overturn_client.py http://127.0.0.1:8080 case.json [appeal.pdf]

It prints the classification, the appeal deadline and the dated steps of the case, or the issues when the
server refuses it (HTTP 400, each issue with the path of the field at fault). With a third argument it also
saves the appeal letter there as a printable PDF (the same endpoint, asked for `Accept: application/pdf`).
"""

import json
import sys
import urllib.error
import urllib.request


def call(base_url, path, body):
    """POSTs a JSON body and returns (status, parsed JSON answer)."""
    request = urllib.request.Request(
        base_url.rstrip("/") + path,
        data=json.dumps(body).encode("utf-8"),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as refused:
        return refused.code, json.load(refused)


def save_pdf(base_url, body, path):
    """POSTs a letter request asking for a PDF and writes the bytes to `path`."""
    request = urllib.request.Request(
        base_url.rstrip("/") + "/v1/letter",
        data=json.dumps(body).encode("utf-8"),
        headers={"Content-Type": "application/json", "Accept": "application/pdf"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response, open(path, "wb") as out:
        out.write(response.read())


def main(base_url, case_file, pdf_file=None):
    with open(case_file, encoding="utf-8") as handle:
        case = json.load(handle)
    status, answer = call(base_url, "/v1/analyze", case)
    if status != 200:
        print(f"refused ({status}): {answer['code']}")
        for issue in answer["issues"]:
            where = ".".join(str(part) for part in issue["path"]) or "(root)"
            print(f"  {where}: {issue['message']}")
        return 1
    classification = answer["classification"]
    deadline = answer["deadline"]
    print(f"denial: {classification['category']} ({classification['disputeKind']})")
    print(f"appeal by: {deadline['deadline']} ({deadline['level']}; {deadline['citation']})")
    for item in answer["checklist"]["items"]:
        print(f"  {item.get('dueDate', '          ')}  {item['title']}")
    if pdf_file:
        save_pdf(base_url, {"case": case, "kind": "appeal"}, pdf_file)
        print(f"appeal letter: {pdf_file}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
