#!/usr/bin/env python3
"""What a real v1 client loses when direct messages to it come fast (issue 12; not a test).

The original v1 client reads with recv(4096) and parses each read with json.loads (see
../shared/seed/WIRE.md): a read holding two objects fails to parse and is printed as raw text,
so the messages in it are shown as JSON, not as chat. This script logs in one sender and one
receiver as v1 clients, sends COUNT direct messages at RATE per second, and reads on the receiver
exactly as the original client does, optionally taking PRINT_MS per read to print it (the
original prints each message to a terminal). It counts the messages that arrived alone in a read
(shown properly) and those that shared a read (shown as raw text).

    python3 bench/v1-reads.py HOST PORT [--count N] [--rate R] [--print-ms MS] [--size BYTES]

Prints one line: rate, messages shown properly, messages that shared a read, reads.
"""
import argparse
import json
import socket
import threading
import time


def login(host, port, name):
    s = socket.create_connection((host, port))
    s.sendall(json.dumps({"type": "SET_USERNAME", "username": name}).encode())
    answer = json.loads(s.recv(4096))  # alone in its read, as WIRE.md requires
    if answer.get("type") != "SUCCESS":
        raise SystemExit(f"v1-reads.py: login of {name} refused: {answer}")
    return s


def main():
    p = argparse.ArgumentParser()
    p.add_argument("host")
    p.add_argument("port", type=int)
    p.add_argument("--count", type=int, default=2000)
    p.add_argument("--rate", type=float, default=100.0, help="messages per second; 0 = as fast as possible")
    p.add_argument("--print-ms", type=float, default=0.0, help="time the receiver takes per read, as printing")
    p.add_argument("--size", type=int, default=100, help="characters of each message")
    a = p.parse_args()

    tag = f"{int(time.time() * 1000) % 100000}"
    receiver = login(a.host, a.port, f"v1r{tag}")
    sender = login(a.host, a.port, f"v1s{tag}")
    shown = shared = reads = 0
    done = threading.Event()

    def read():
        nonlocal shown, shared, reads
        got = 0
        while got < a.count:
            data = receiver.recv(4096)
            if not data:
                break
            reads += 1
            objects = data.count(b'"type"')
            try:
                json.loads(data)  # what the v1 client does with every read
                shown += 1
            except ValueError:
                shared += objects  # printed as raw text
            got += objects
            if a.print_ms:
                time.sleep(a.print_ms / 1000)
        done.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    text = "x" * a.size
    start = time.monotonic()
    for i in range(a.count):
        if a.rate:
            due = start + i / a.rate
            pause = due - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        sender.sendall(json.dumps({"type": "MSG", "to_username": f"v1r{tag}", "message": text}).encode())
    done.wait(60)
    offered = "max" if not a.rate else f"{a.rate:,.0f}"
    print(f"rate {offered}/s, print {a.print_ms} ms/read: {a.count} sent, {shown} shown properly, "
          f"{shared} shared a read (raw text), {reads} reads")
    sender.close()
    receiver.close()


if __name__ == "__main__":
    main()
