"""A client for the Osprey wire protocol written from docs/protocol.md alone, with the Python standard library only.

Used by ProtocolDocInteropTest to check that the document is enough to write a working client in another
language. Arguments: host port fingerprint token-file encoding filter expected-packets. Exit status 0 when every
check passed; a message on stderr and status 1 otherwise.
"""
import base64
import hashlib
import json
import os
import socket
import ssl
import struct
import sys

host, port, pinned, token_file, encoding, packet_filter, expected = sys.argv[1:8]
port, expected = int(port), int(expected)
token = open(token_file).read().strip()

# 1. TLS 1.3, certificate pinned by the SHA-256 fingerprint of its DER encoding
context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE  # trust comes from the pin below, not from a CA
context.minimum_version = ssl.TLSVersion.TLSv1_3
sock = context.wrap_socket(socket.create_connection((host, port), timeout=30), server_hostname=host)
fingerprint = ":".join("%02X" % b for b in hashlib.sha256(sock.getpeercert(binary_form=True)).digest())
if fingerprint != pinned:
    sys.exit("certificate fingerprint %s is not the pinned %s" % (fingerprint, pinned))

# 2. WebSocket upgrade of /osprey
key = base64.b64encode(os.urandom(16)).decode()
sock.sendall(("GET /osprey HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n"
              "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n" % (host, port, key)).encode())
pending = b""
while b"\r\n\r\n" not in pending:
    pending += sock.recv(4096)
head, pending = pending.split(b"\r\n\r\n", 1)
if b" 101 " not in head.split(b"\r\n")[0]:
    sys.exit("upgrade refused: %r" % head)
if b"sec-websocket-extensions" in head.lower():
    sys.exit("the agent accepted an extension, the document says it declines them: %r" % head)


def read_exactly(n):
    global pending
    while len(pending) < n:
        chunk = sock.recv(65536)
        if not chunk:
            sys.exit("connection closed by the agent")
        pending += chunk
    out, pending = pending[:n], pending[n:]
    return out


def send(message):
    data = json.dumps(message).encode()
    mask = os.urandom(4)
    if len(data) < 126:
        header = bytes([0x81, 0x80 | len(data)])
    else:
        header = bytes([0x81, 0x80 | 126]) + struct.pack(">H", len(data))
    sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))


def receive():
    """One whole message: (opcode, payload)."""
    payload, opcode = b"", None
    while True:
        b0, b1 = read_exactly(2)
        length = b1 & 127
        if length == 126:
            length = struct.unpack(">H", read_exactly(2))[0]
        elif length == 127:
            length = struct.unpack(">Q", read_exactly(8))[0]
        opcode = opcode or (b0 & 15)
        payload += read_exactly(length)
        if b0 & 0x80:
            return opcode, payload


# 3. hello -> welcome, subscribe from the oldest packet held, a bad setFilter, a ping
send({"type": "hello", "versions": [1], "token": token, "encodings": [encoding], "client": "python-doc-check/1"})
opcode, text = receive()
welcome = json.loads(text)
if welcome.get("type") != "welcome" or welcome["encoding"] != encoding or welcome["version"] != 1:
    sys.exit("expected a welcome with encoding %s, got %s" % (encoding, text))
send({"type": "subscribe", "channels": ["packets", "stats"], "filter": packet_filter, "resumeFrom": welcome["oldestSeq"]})
send({"type": "setFilter", "filter": packet_filter + " &&"})
send({"type": "ping", "id": 7})

received, last, seen = 0, -1, set()
while received < expected or not {"pong", "bad-filter"} <= seen:
    opcode, payload = receive()
    if opcode == 1:
        message = json.loads(payload)
        kind = message["type"]
        if kind == "packets":
            if message["records"][0]["seq"] != message["first"]:
                sys.exit("first is not the first record's seq")
            for record in message["records"]:
                if record["seq"] <= last:
                    sys.exit("seq %d after %d" % (record["seq"], last))
                if len(base64.b64decode(record["data"])) != record["caplen"]:
                    sys.exit("caplen does not match data")
                last, received = record["seq"], received + 1
        elif kind == "pong":
            if message["id"] != 7:
                sys.exit("pong for %s" % message["id"])
            seen.add("pong")
        elif kind == "error":
            if message["code"] != "bad-filter" or message["fatal"] or message["position"] != len(packet_filter) + 3:
                sys.exit("unexpected error %s" % message)
            seen.add("bad-filter")
        elif kind == "gap":
            sys.exit("unexpected gap %s" % message)
    elif opcode == 2:
        if payload[:4] != b"OSPB" or payload[4] != 1 or payload[5] != 1:
            sys.exit("bad binary batch header")
        count, at = struct.unpack(">I", payload[8:12])[0], 12
        for _ in range(count):
            seq, ts, wire_length, captured_length, link_type = struct.unpack(">qqiiH", payload[at:at + 26])
            if seq <= last:
                sys.exit("seq %d after %d" % (seq, last))
            at += 28 + captured_length
            last, received = seq, received + 1
        if at != len(payload):
            sys.exit("binary batch length does not add up")
    elif opcode == 8:
        sys.exit("closed by the agent: %r" % payload)

if received != expected:
    sys.exit("received %d packets, expected %d" % (received, expected))
print("python client: %d packets (%s), last seq %d, bad-filter and pong seen" % (received, encoding, last))
