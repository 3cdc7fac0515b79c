"""Time a warm `lessonpack serve` answering a one-band PPTX+DOCX download, as a DSL's browser asks.

    python bench/serve_speed.py [--repeat N]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time

import httpx

FORM = {"school": "Hillside Academy", "dsl_name": "Ms R. Patel", "bands": "11-14", "formats": ["pptx", "docx"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                httpx.get(url + "/health")
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        times = []
        for n in range(args.repeat + 2):        # each of the two workers answers once to warm up
            start = time.perf_counter()
            response = httpx.post(url + "/download", data=FORM, timeout=120)
            response.raise_for_status()
            if n >= 2:
                times.append(time.perf_counter() - start)
    finally:
        server.terminate()
        server.wait(10)
    print(f"warm server, one band, PPTX and DOCX ({len(response.content) // 1024} KB zip): "
          f"median {statistics.median(times):.2f} s, best {min(times):.2f} s, worst {max(times):.2f} s of {args.repeat}")


if __name__ == "__main__":
    main()
