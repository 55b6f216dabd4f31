"""The cheap client of `ferrite server` for kbuild's per-file calls (run by bin/ferrite, not by hand).

Usage: python3 -S -E ferrite-client.py JAR ARGS...

Hands ARGS and the working directory to the server of the Ferrite built as JAR over its Unix domain
socket, prints the answer on standard output and error, and exits with the exit code of the run: the
same protocol, socket and checks as dev.ferrite.client.Client (see Protocol.java), without starting a
JVM. It never starts a server: it exits with 125 when none answers (or the call cannot be encoded), and
bin/ferrite then runs the JVM client, which starts one. Standard library only; Python 3.6 or newer.
"""
import os
import pwd
import socket
import struct
import sys

FALLBACK = 125
MAGIC = 0x46455231  # "FER1"
RUN = ord('R')
STDOUT, STDERR, EXIT = 1, 2, 3


def java_string_hash(text):
    """String.hashCode() of Java over the UTF-16 code units of text, as an unsigned 32-bit int."""
    h = 0
    units = text.encode('utf-16-be', 'surrogatepass')
    for i in range(0, len(units), 2):
        h = (31 * h + (units[i] << 8 | units[i + 1])) & 0xffffffff
    return h


def runtime_dir():
    """$XDG_RUNTIME_DIR/ferrite, else /tmp/ferrite-USER (java.io.tmpdir is /tmp on Linux); None if unusable."""
    xdg = os.environ.get('XDG_RUNTIME_DIR', '')
    if xdg and os.path.isdir(xdg):
        d = os.path.join(xdg, 'ferrite')
    else:
        d = '/tmp/ferrite-' + pwd.getpwuid(os.getuid()).pw_name
    try:
        st = os.stat(d)
    except OSError:
        return None  # no server has run here yet: the JVM client makes the directory and starts one
    if st.st_uid != os.getuid():
        return None  # another user's directory: the JVM client says so and runs without a server
    return d


def socket_path(jar):
    """The socket of the server of this build of Ferrite: Protocol.socket() (path hash, size, mtime of the jar)."""
    d = runtime_dir()
    if d is None:
        return None
    st = os.stat(jar)
    ident = '%x-%x-%x' % (java_string_hash(os.path.abspath(jar)), st.st_size, st.st_mtime_ns // 1000000)
    return os.path.join(d, 'server-' + ident + '.sock')


def modified_utf8(text):
    """DataOutputStream.writeUTF: a 2-byte length, then Java's modified UTF-8 (NUL as C0 80, UTF-16 units)."""
    units = text.encode('utf-16-be', 'surrogatepass')
    out = bytearray()
    for i in range(0, len(units), 2):
        c = units[i] << 8 | units[i + 1]
        if 0 < c < 0x80:
            out.append(c)
        elif c < 0x800:
            out += bytes((0xc0 | c >> 6, 0x80 | c & 0x3f))
        else:
            out += bytes((0xe0 | c >> 12, 0x80 | c >> 6 & 0x3f, 0x80 | c & 0x3f))
    if len(out) > 0xffff:
        raise ValueError('argument too long for the protocol')
    return struct.pack('>H', len(out)) + bytes(out)


def request(cwd, args):
    """The RUN request of Client.exchange(); ValueError when an argument is not text (undecodable bytes)."""
    parts = [struct.pack('>iB', MAGIC, RUN), modified_utf8(cwd), struct.pack('>i', len(args))]
    for a in [cwd] + args:
        if any(0xdc80 <= ord(ch) <= 0xdcff for ch in a):
            raise ValueError('argument is not UTF-8')  # bytes the JVM would decode differently
    parts += [modified_utf8(a) for a in args]
    return b''.join(parts)


def read_exactly(conn, n):
    buf = bytearray()
    while len(buf) < n:
        chunk = conn.recv(min(n - len(buf), 1 << 16))
        if not chunk:
            raise EOFError()
        buf += chunk
    return bytes(buf)


def relay(conn):
    """Copies the server's STDOUT/STDERR frames to ours; the exit code of the EXIT frame (3 if cut short)."""
    out, err = sys.stdout.buffer, sys.stderr.buffer
    try:
        while True:
            kind, n = struct.unpack('>bi', read_exactly(conn, 5))
            if kind == EXIT:
                out.flush()
                err.flush()
                return n
            data = read_exactly(conn, n)
            (out if kind == STDOUT else err).write(data)
    except EOFError:
        out.flush()
        err.write(b'ferrite: server: connection closed before the end of the result\n')
        err.flush()
        return 3


def main(argv):
    if len(argv) < 2:
        return FALLBACK
    try:
        path = socket_path(argv[1])
        if path is None:
            return FALLBACK
        payload = request(os.getcwd(), argv[2:])
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.connect(path)
    except (OSError, ValueError):
        return FALLBACK  # no server (or a stale socket): the JVM client starts one
    with conn:
        try:
            conn.sendall(payload)
        except OSError:
            return FALLBACK  # the server went away before reading the request: nothing was run
        return relay(conn)


if __name__ == '__main__':
    sys.exit(main(sys.argv))
